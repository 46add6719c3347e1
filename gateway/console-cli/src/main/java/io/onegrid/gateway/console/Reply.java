package io.onegrid.gateway.console;

import java.util.Map;

/**
 * One console reply as the gateway sent it.
 *
 * @param json   the reply line, printed unchanged with --json
 * @param result the command's result when {@code ok}
 */
record Reply(String json, boolean ok, Map<String, Object> result, String errorCode, String errorMessage) { }
