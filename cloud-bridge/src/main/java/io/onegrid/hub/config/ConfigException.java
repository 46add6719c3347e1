package io.onegrid.hub.config;

/** A setting with a bad value. The message names the flag (or env variable) and says what is expected. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public static ConfigException of(HubSetting setting, String problem) {
        return new ConfigException(setting.displayName() + ": " + problem);
    }
}
