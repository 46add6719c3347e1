package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The uplink's configuration names a file holding the hub password, not the password: the session reads the
 * file when it builds its settings, and a file it cannot use fails the component with a sentence naming it.
 */
class UplinkPasswordFileTest {
    @TempDir
    Path dir;

    /** An UplinkConfig as DS would build it: the given values, every other attribute at its declared default. */
    private static UplinkConfig config(Map<String, Object> values) {
        return (UplinkConfig) Proxy.newProxyInstance(UplinkConfig.class.getClassLoader(),
                new Class<?>[] {UplinkConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue());
    }

    private static UplinkConfig withPasswordFile(Object file) {
        Map<String, Object> values = new HashMap<>();
        values.put("passwordFile", file.toString());
        values.put("passwordStamp", "11 bytes, modified 2026-01-01T00:00:00Z");
        return config(values);
    }

    /**
     * GIVEN a password file written by echo (trailing newline) WHEN the settings are built THEN the password is
     * the file's content without the line break, and the settings still print without it.
     */
    @Test
    void readsThePasswordFromTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("hub-password"), "s3cret-file\n");

        UplinkSettings s = UplinkComponent.settings("gw-pw-01", withPasswordFile(file));

        assertThat(s.password()).isEqualTo("s3cret-file");
        assertThat(s.toString()).contains("password=(set)").doesNotContain("s3cret");
    }

    /** A Windows line ending is a line break too; what comes before it is kept exactly, spaces included. */
    @Test
    void stripsOnlyTheTrailingLineBreak() throws Exception {
        Path file = Files.writeString(dir.resolve("hub-password"), " with spaces \r\n");

        assertThat(UplinkComponent.settings("gw-pw-01", withPasswordFile(file)).password()).isEqualTo(" with spaces ");
    }

    /** No passwordFile (the default): the session logs in without a password. */
    @Test
    void noFileMeansNoPassword() {
        UplinkSettings s = UplinkComponent.settings("gw-pw-01", config(Map.of()));

        assertThat(s.password()).isEmpty();
        assertThat(s.toString()).contains("password=(none)");
    }

    /** A missing file fails the settings (and so the component's activation) with a message naming the file. */
    @Test
    void missingFileIsAClearError() {
        Path file = dir.resolve("nowhere");

        assertThatThrownBy(() -> UplinkComponent.settings("gw-pw-01", withPasswordFile(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uplink passwordFile " + file + " cannot be read (NoSuchFileException)");
    }

    /** An empty file, or one holding only a line break, is refused: it names the file. */
    @Test
    void emptyFileIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("hub-password"), "\n");

        assertThatThrownBy(() -> UplinkComponent.settings("gw-pw-01", withPasswordFile(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uplink passwordFile " + file + " is empty");
    }

    /** A file that is not UTF-8 cannot be read as a password; the error shows none of its bytes. */
    @Test
    void unreadableContentIsNamedButNotShown() throws Exception {
        Path file = Files.write(dir.resolve("hub-password"), new byte[] {'s', 'e', 'c', (byte) 0xff, 'x', 'y', 'z'});

        assertThatThrownBy(() -> UplinkComponent.settings("gw-pw-01", withPasswordFile(file)))
                .hasMessageContaining("uplink passwordFile " + file + " cannot be read (MalformedInputException)")
                .hasMessageNotContaining("sec").hasMessageNotContaining("xyz");
    }

    /**
     * GIVEN the metatype bnd generated from UplinkConfig THEN passwordFile and passwordStamp are declared once
     * each, optional, empty by default and described, and no attribute holds a password any more.
     */
    @Test
    void metatypeDeclaresThePasswordFileNotAPassword() throws Exception {
        Map<String, Element> ads = attributes();

        assertThat(ads).containsKeys("passwordFile", "passwordStamp").doesNotContainKeys(".password", "password");
        for (String id : new String[] {"passwordFile", "passwordStamp"}) {
            Element ad = ads.get(id);
            assertThat(ad.getAttribute("type")).as(id).isEqualTo("String");
            assertThat(ad.getAttribute("required")).as(id).isEqualTo("false");
            assertThat(ad.hasAttribute("default")).as(id).isTrue();
            assertThat(ad.getAttribute("default")).as(id).isEmpty();
            assertThat(ad.getAttribute("description")).as(id).isNotBlank();
        }
        assertThat(ads.values()).noneMatch(ad -> ad.getAttribute("type").equals("Password"));
    }

    private static Map<String, Element> attributes() throws Exception {
        String resource = "OSGI-INF/metatype/" + UplinkComponent.PID + ".xml";
        try (InputStream in = UplinkConfig.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " (generated by bnd-maven-plugin in process-classes)").isNotNull();
            NodeList list = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                    .getDocumentElement().getElementsByTagName("AD");
            Map<String, Element> out = new HashMap<>();
            for (int i = 0; i < list.getLength(); i++) {
                Element ad = (Element) list.item(i);
                assertThat(out.put(ad.getAttribute("id"), ad)).as("AD " + ad.getAttribute("id") + " declared twice").isNull();
            }
            return out;
        }
    }
}
