package dev.ticketing.delivery.mail;

import dev.ticketing.config.MailConfig;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Which service sends the mails: an SMTP server when {@code SMTP_HOST} is set (the local stack sets its own), SES
 * otherwise; a test may give its own {@link MailSender}.
 */
@Factory
public class MailFactory {
    @Singleton
    @Requires(missingBeans = MailSender.class)
    MailSender mailSender(MailConfig config) {
        if (config.smtpHost().isPresent()) {
            return new SmtpMailSender(config.smtpHost().get(), config.smtpPort());
        }
        return new SesMailSender(new java.util.function.Supplier<>() {
            private SesV2Client client;

            @Override
            public synchronized SesV2Client get() {
                if (client == null) {
                    // the SDK's defaults, as every AWS client in Lambda: the function's region and role
                    client = SesV2Client.create();
                }
                return client;
            }
        });
    }
}
