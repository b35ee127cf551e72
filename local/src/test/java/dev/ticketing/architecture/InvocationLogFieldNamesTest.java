package dev.ticketing.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.lambda.InvocationLogFields;
import dev.ticketing.logging.LogFields;
import org.junit.jupiter.api.Test;

/**
 * lambda-support sees nothing of shared, so the names of the two log fields every handler puts (request id, function)
 * are spelled in both: they must stay the same, or one search would no longer find an invocation's lines.
 */
class InvocationLogFieldNamesTest {
    @Test
    void lambdaSupportWritesTheFieldsUnderSharedsNames() {
        assertThat(InvocationLogFields.REQUEST_ID).isEqualTo(LogFields.REQUEST_ID);
        assertThat(InvocationLogFields.FUNCTION).isEqualTo(LogFields.FUNCTION);
    }
}
