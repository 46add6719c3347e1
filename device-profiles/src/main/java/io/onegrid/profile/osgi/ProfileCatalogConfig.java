package io.onegrid.profile.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the gateway's profile catalog (PID io.onegrid.profiles). */
@ObjectClassDefinition(id = ProfileCatalogComponent.PID, name = "OneGrid device profiles",
        description = "Where the gateway finds device profiles beyond the shipped catalog.")
public @interface ProfileCatalogConfig {
    @AttributeDefinition(name = "Profile directory",
            description = "Folder of *.yaml device profiles that add to or override the shipped catalog by id."
                    + " Empty: shipped profiles only. A bad file is logged and skipped.")
    String directory() default "";
}
