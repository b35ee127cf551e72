package dev.ticketing.orders.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.problems.InvalidRequestException;
import org.junit.jupiter.api.Test;

/** An order's language: the buyer's choice if there are texts for it, else the browser's, else English. */
class LanguagesTest {
    @Test
    void theBuyersChoiceWinsWhenThereAreTextsForIt() {
        assertThat(Languages.choose("it", "en-GB,en;q=0.9")).isEqualTo("it");
        assertThat(Languages.choose("IT", null)).isEqualTo("it");
        assertThat(Languages.choose("it-CH", null)).isEqualTo("it");
    }

    @Test
    void otherwiseTheFirstOfferedLanguageOfTheRequestByWeight() {
        assertThat(Languages.choose(null, "de-DE,de;q=0.9,it;q=0.8,en;q=0.7")).isEqualTo("it");
        assertThat(Languages.choose("de", "fr;q=0.5,en;q=0.9")).isEqualTo("en");
    }

    @Test
    void otherwiseEnglish() {
        assertThat(Languages.choose(null, null)).isEqualTo("en");
        assertThat(Languages.choose(null, "de,fr")).isEqualTo("en");
        assertThat(Languages.choose(null, ";;;garbage=")).isEqualTo("en");
        assertThat(Languages.choose("pt", "*")).isEqualTo("en");
    }

    @Test
    void somethingThatIsNoLanguageTagIsABadRequest() {
        assertThatThrownBy(() -> Languages.choose("ital ian", null)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("buyer.language");
        assertThatThrownBy(() -> Languages.choose("../../etc/passwd", null)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aLanguageIsSupportedWhenItHasATextsFile() {
        assertThat(Languages.supported("en")).isTrue();
        assertThat(Languages.supported("it")).isTrue();
        assertThat(Languages.supported("de")).isFalse();
        assertThat(Languages.supported("../texts/en")).isFalse();
    }
}
