package dev.entrada.registration.registration;

import dev.entrada.registration.catalog.Event;
import dev.entrada.registration.catalog.EventRepository;
import dev.entrada.registration.web.InvalidField;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Organisers' CSV of pre-registered participants. Every row is validated like a registration; in
 * {@code all-or-nothing} mode one bad row imports nothing and all rows go in one transaction; in
 * {@code valid-only} mode each valid row is registered on its own.
 */
@Service
public class RegistrationImportService {
    public static final int MAX_ROWS = 10_000;
    static final List<String> COLUMNS = List.of("fullName", "email", "organization", "organizationKind", "jobTitle", "country",
            "phone", "ticketType", "sessions", "locale");
    private static final List<String> REQUIRED = List.of("fullName", "email", "organization", "country");

    public enum Mode { ALL_OR_NOTHING, VALID_ONLY }

    public record RejectedRow(int line, List<InvalidField> errors) {
    }

    /** {@code alreadyRegistered}: rows whose e-mail this event already has; they are left as they are. */
    public record ImportReport(int imported, int alreadyRegistered, List<RejectedRow> rejected) {
    }

    /** The file itself is unusable (bad header, broken quoting, too many rows): nothing was read. */
    public static final class BadFileException extends RuntimeException {
        private final String field;

        BadFileException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final EventRepository events;
    private final RegistrationRepository registrations;
    private final RegistrationService service;
    private final Validator validator;
    private final TransactionTemplate tx;

    RegistrationImportService(EventRepository events, RegistrationRepository registrations, RegistrationService service,
                              Validator validator, TransactionTemplate tx) {
        this.events = events;
        this.registrations = registrations;
        this.service = service;
        this.validator = validator;
        this.tx = tx;
    }

    private record Candidate(int line, RegisterAttendeeRequest request, RegistrationRules.Selection.Valid selection, String emailKey) {
    }

    /** Told of each row checked and each row registered, so a long import can show progress. */
    public interface Progress {
        Progress NONE = new Progress() {
        };

        default void checked() {
        }

        default void imported() {
        }
    }

    /** A file that could be read, not yet checked row by row. */
    public record Prepared(Event event, Map<String, Integer> columns, List<Csv.Row> rows) {
        public int rowsTotal() {
            return rows.size();
        }
    }

    /** Reads the file and its header; empty when there is no such event. */
    public Optional<Prepared> prepare(String eventId, String csv) {
        Optional<Event> found = events.find(eventId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<Csv.Row> rows;
        try {
            rows = Csv.parse(csv);
        } catch (Csv.MalformedCsvException e) {
            throw new BadFileException("line " + e.line(), e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new BadFileException("header", "the file is empty; the first line names the columns");
        }
        if (rows.size() - 1 > MAX_ROWS) {
            throw new BadFileException("file", "at most " + MAX_ROWS + " rows per file");
        }
        return Optional.of(new Prepared(found.get(), header(rows.get(0).fields()), List.copyOf(rows.subList(1, rows.size()))));
    }

    public ImportReport run(Prepared prepared, Mode mode, Progress progress) {
        Event event = prepared.event();
        String eventId = event.id();
        Map<String, Integer> columns = prepared.columns();
        List<RejectedRow> rejected = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        Set<String> emailsInFile = new HashSet<>();
        int alreadyRegistered = 0;
        for (Csv.Row row : prepared.rows()) {
            progress.checked();
            List<InvalidField> errors = new ArrayList<>();
            if (row.fields().size() != columns.size()) {
                errors.add(new InvalidField("row", "has " + row.fields().size() + " fields; the header has " + columns.size()));
                rejected.add(new RejectedRow(row.line(), errors));
                continue;
            }
            RegisterAttendeeRequest request = request(row.fields(), columns);
            for (ConstraintViolation<RegisterAttendeeRequest> v : validator.validate(request)) {
                errors.add(new InvalidField(v.getPropertyPath().toString(), v.getMessage()));
            }
            RegistrationRules.Selection selection = RegistrationRules.select(event, request.ticketType(), request.sessions());
            if (selection instanceof RegistrationRules.Selection.Invalid invalid) {
                errors.addAll(invalid.errors());
            }
            String emailKey = request.email() == null ? null : RegistrationRules.emailKey(request.email());
            if (errors.isEmpty() && !emailsInFile.add(emailKey)) {
                errors.add(new InvalidField("email", "appears on an earlier line of this file"));
            }
            if (!errors.isEmpty()) {
                errors.sort(Comparator.comparing(InvalidField::field));
                rejected.add(new RejectedRow(row.line(), List.copyOf(errors)));
            } else if (registrations.findByEmail(eventId, emailKey).isPresent()) {
                alreadyRegistered++;
            } else {
                candidates.add(new Candidate(row.line(), request, (RegistrationRules.Selection.Valid) selection, emailKey));
            }
        }
        if (mode == Mode.ALL_OR_NOTHING && !rejected.isEmpty()) {
            return new ImportReport(0, alreadyRegistered, rejected);
        }
        return mode == Mode.ALL_OR_NOTHING
                ? allOrNothing(event, candidates, alreadyRegistered, progress)
                : validOnly(event, candidates, alreadyRegistered, rejected, progress);
    }

    private ImportReport allOrNothing(Event event, List<Candidate> candidates, int alreadyRegistered, Progress progress) {
        List<RejectedRow> refused = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            for (Candidate c : candidates) {
                RegistrationOutcome outcome = service.registerNew(event, c.selection(), c.request(), c.emailKey());
                if (!(outcome instanceof RegistrationOutcome.Created)) {
                    refused.add(new RejectedRow(c.line(), List.of(new InvalidField("row", refusal(outcome)))));
                    status.setRollbackOnly();
                    return;
                }
                progress.imported();
            }
        });
        return refused.isEmpty() ? new ImportReport(candidates.size(), alreadyRegistered, List.of())
                : new ImportReport(0, alreadyRegistered, refused);
    }

    private ImportReport validOnly(Event event, List<Candidate> candidates, int alreadyRegistered, List<RejectedRow> rejected,
                                   Progress progress) {
        List<RejectedRow> all = new ArrayList<>(rejected);
        int imported = 0;
        for (Candidate c : candidates) {
            RegistrationOutcome outcome = tx.execute(status -> {
                RegistrationOutcome o = service.registerNew(event, c.selection(), c.request(), c.emailKey());
                if (!(o instanceof RegistrationOutcome.Created)) {
                    status.setRollbackOnly();
                }
                return o;
            });
            if (outcome instanceof RegistrationOutcome.Created) {
                imported++;
                progress.imported();
            } else {
                all.add(new RejectedRow(c.line(), List.of(new InvalidField("row", refusal(outcome)))));
            }
        }
        all.sort(Comparator.comparingInt(RejectedRow::line));
        return new ImportReport(imported, alreadyRegistered, all);
    }

    private static String refusal(RegistrationOutcome outcome) {
        return outcome instanceof RegistrationOutcome.EventFull ? "the event is full and has no waiting list" : "could not be registered";
    }

    private static Map<String, Integer> header(List<String> names) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            if (!COLUMNS.contains(name)) {
                throw new BadFileException("header", "unknown column \"" + name + "\"; the columns are " + String.join(", ", COLUMNS));
            }
            if (columns.put(name, i) != null) {
                throw new BadFileException("header", "column " + name + " appears twice");
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw new BadFileException("header", "column " + required + " is missing");
            }
        }
        return columns;
    }

    /**
     * A row as a registration. The organiser vouches for the participants' consent by importing
     * them; {@code sessions} are separated by {@code ;}; no locale means Spanish.
     */
    private static RegisterAttendeeRequest request(List<String> fields, Map<String, Integer> columns) {
        String sessions = value(fields, columns, "sessions");
        String locale = value(fields, columns, "locale");
        return new RegisterAttendeeRequest(value(fields, columns, "fullName"), value(fields, columns, "email"),
                value(fields, columns, "organization"), upper(value(fields, columns, "organizationKind")),
                value(fields, columns, "jobTitle"), value(fields, columns, "country"), value(fields, columns, "phone"),
                value(fields, columns, "ticketType"),
                sessions == null ? null : Arrays.stream(sessions.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                locale == null ? "es" : locale.toLowerCase(Locale.ROOT), true);
    }

    private static String value(List<String> fields, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        if (index == null) {
            return null;
        }
        String value = fields.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT).replace(' ', '_');
    }
}
