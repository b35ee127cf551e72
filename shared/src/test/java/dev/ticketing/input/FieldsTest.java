package dev.ticketing.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.problems.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldsTest {
    @Test
    void textRefusesControlsUnpairedSurrogatesAndBidiOverrides() {
        for (String name : List.of("Jazz\u0000night", "Jazz\nnight", "Jazz\tnight", "Jazz\u007fnight", "Jazz\u0085night",
                "Jazz\ud800night", "Jazz night\udc00", "\udfff\ud800", "Jazz \u202Ethgin", "\u202AJazz", "\u202BJazz",
                "\u202CJazz", "\u202DJazz", "\u2066Jazz", "\u2067Jazz", "\u2068Jazz", "Jazz\u2069")) {
            assertThatThrownBy(() -> Fields.text("name", name, 200)).as(name.codePoints()
                            .mapToObj(Integer::toHexString).toList().toString())
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("name must not contain ");
        }
        assertThatThrownBy(() -> Fields.text("name", "Jazz \u202Ethgin", 200))
                .hasMessage("name must not contain bidirectional embeddings, overrides or isolates: U+202E at character 6");
        assertThatThrownBy(() -> Fields.text("name", "\uD83C\uDFADa\ud800", 200))
                .hasMessage("name must not contain unpaired surrogates: U+D800 at character 3");
    }

    @Test
    void textKeepsEveryScriptAndEmoji() {
        for (String name : List.of("Jazz night", "Caf\u00e9 \u00e0 Paris", "\u05e7\u05d5\u05e0\u05e6\u05e8\u05d8",
                "\u062d\u0641\u0644\u0629 \u0645\u0648\u0633\u064a\u0642\u064a\u0629 2027", "\u97f3\u697d\u4f1a",
                "\uD83C\uDFAD\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "Rock \u200F\u05e8\u05d5\u05e7")) {
            assertThat(Fields.text("name", " " + name + " ", 200)).isEqualTo(name);
        }
    }
}
