package io.onegrid.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandArgsTest {

    /** Present arguments of the right type are returned; a JSON null is kept as a value. */
    @Test
    void readsArguments() throws CommandException {
        Map<String, Object> m = new HashMap<>();
        m.put("device", "smoke-302");
        m.put("value", false);
        m.put("note", null);
        CommandArgs args = new CommandArgs(m).only("device", "value", "note");

        assertThat(args.string("device")).isEqualTo("smoke-302");
        assertThat(args.value("value")).isEqualTo(false);
        assertThat(args.values()).containsKey("note");
    }

    /** Missing, ill-typed and unknown arguments are BAD_REQUEST with a sentence naming the argument. */
    @Test
    void refusesWrongArguments() {
        CommandArgs args = new CommandArgs(Map.of("device", 7, "chanel", "siren"));

        assertThatThrownBy(() -> args.string("device")).isInstanceOf(CommandException.class)
                .hasMessageContaining("'device' must be a non-empty string")
                .satisfies(e -> assertThat(((CommandException) e).code()).isEqualTo(CommandException.Code.BAD_REQUEST));
        assertThatThrownBy(() -> args.value("value")).hasMessageContaining("'value' is required");
        assertThatThrownBy(() -> args.only("device", "channel", "value")).hasMessageContaining("unknown argument [chanel]")
                .hasMessageContaining("allowed: [device, channel, value]");
        assertThatThrownBy(() -> args.only()).hasMessageContaining("this command takes none");
    }
}
