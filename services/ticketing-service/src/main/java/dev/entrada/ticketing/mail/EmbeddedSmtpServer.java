package dev.entrada.ticketing.mail;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The embedded default's SMTP server (GreenMail, in this JVM, on 127.0.0.1): it keeps every mail it
 * receives in memory so developers and organisers can read them at {@code /api/mails}. Not started
 * when a real SMTP server is configured.
 */
@Component
public class EmbeddedSmtpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedSmtpServer.class);

    private final GreenMail server;

    EmbeddedSmtpServer(MailProperties properties) {
        if (properties.embedded()) {
            ServerSetup setup = new ServerSetup(properties.embeddedSmtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            server = new GreenMail(properties.embeddedSmtpPort() == 0 ? setup.dynamicPort() : setup);
            server.start();
            log.info("embedded SMTP server listening on 127.0.0.1:{}", port());
        } else {
            server = null;
        }
    }

    public boolean running() {
        return server != null;
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    /** Every mail received so far, oldest first. */
    public List<MimeMessage> received() {
        return server == null ? List.of() : List.of(server.getReceivedMessages());
    }

    /**
     * Deletes every mail received for {@code email} (an erased attendee's): the embedded inbox is a
     * store of personal data like any table.
     *
     * @return how many mails were deleted
     */
    public int forget(String email) {
        if (server == null || email == null || email.isBlank()) {
            return 0;
        }
        int deleted = 0;
        for (GreenMailUser user : server.getUserManager().listUser()) {
            if (email.strip().equalsIgnoreCase(user.getEmail())) {
                try {
                    MailFolder inbox = server.getManagers().getImapHostManager().getInbox(user);
                    deleted += inbox.getMessageCount();
                    inbox.deleteAllMessages();
                } catch (FolderException e) {
                    throw new IllegalStateException("could not empty the embedded inbox of an erased attendee", e);
                }
            }
        }
        return deleted;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }
}
