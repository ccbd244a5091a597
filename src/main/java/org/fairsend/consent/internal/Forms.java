package org.fairsend.consent.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.consent.ConsentSubjects;
import org.fairsend.consent.OptInType;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hosted subscription forms: what the form asks consent for (the subject), the declaration the
 * checkbox shows, the opt-in type, the list subscribers join. A form never changes once created: the
 * declaration a consent record quotes is the one the subscriber saw.
 */
@Service
class Forms {

    private final FormStore store;
    private final Clock clock;
    private final ConsentSubjects subjects;
    private final FairsendProperties props;

    Forms(FormStore store, Clock clock, ConsentSubjects subjects, FairsendProperties props) {
        this.store = store;
        this.clock = clock;
        this.subjects = subjects;
        this.props = props;
    }

    record Form(UUID id, UUID accountId, UUID listId, String name, String subject, String declarationText,
            OptInType optInType, String redirectUrl, Instant createdAt, String url) {}

    record NewForm(String name, UUID listId, String subject, String declarationText, String optInType, String redirectUrl) {}

    @Transactional
    Form create(UUID accountId, NewForm in) {
        List<Violation> errors = new ArrayList<>();
        String name = strip(in.name());
        String subject = strip(in.subject());
        String declaration = strip(in.declarationText());
        if (name == null) errors.add(new Violation("name", "required", "the form needs a name"));
        else if (name.length() > 200) errors.add(new Violation("name", "length", "at most 200 characters"));
        if (subject == null) {
            errors.add(new Violation("subject", "R-2", "name the subject of the messages subscribers consent to"));
        } else if (subject.length() > 500) errors.add(new Violation("subject", "length", "at most 500 characters"));
        if (declaration == null) {
            errors.add(new Violation("declarationText", "R-2", "the declaration shown next to the consent checkbox is required"));
        } else if (declaration.length() > 4000) errors.add(new Violation("declarationText", "length", "at most 4000 characters"));
        OptInType type = null;
        String t = strip(in.optInType());
        if (t == null) type = OptInType.DOUBLE;
        else if (t.equalsIgnoreCase("single")) type = OptInType.SINGLE;
        else if (t.equalsIgnoreCase("double")) type = OptInType.DOUBLE;
        else errors.add(new Violation("optInType", "R-3", "a hosted form's opt-in type is single or double"));
        String redirect = strip(in.redirectUrl());
        if (redirect != null) {
            String problem = checkRedirect(redirect);
            if (problem != null) errors.add(new Violation("redirectUrl", "url", problem));
        }
        if (!errors.isEmpty()) throw new RuleViolation(422, errors);
        if (in.listId() != null && !subjects.listExists(accountId, in.listId())) {
            throw new RuleViolation("listId", "exists", "no such list in this account");
        }
        UUID id = Ids.newId();
        Instant now = clock.instant();
        store.insert(new Form(id, accountId, in.listId(), name, subject, declaration, type, redirect, now, url(id)));
        return get(accountId, id);
    }

    List<Form> list(UUID accountId) {
        return store.list(accountId, this::url);
    }

    /** The account's form, or 404 (another account's form is not found either). */
    Form get(UUID accountId, UUID id) {
        return store.find(accountId, id, this::url).orElseThrow(() -> new NotFound("form"));
    }

    /** Any account's form, for the public pages. */
    Optional<Form> find(UUID id) {
        return store.find(id, this::url);
    }

    String url(UUID formId) {
        return props.publicUrl() + "/f/" + formId;
    }

    private static String checkRedirect(String url) {
        if (url.length() > 2000) return "at most 2000 characters";
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) return "the redirect URL must be an http or https URL";
            if (u.getHost() == null || u.getHost().isBlank()) return "the redirect URL needs a host";
            if (u.getUserInfo() != null) return "the redirect URL may not carry credentials";
            return null;
        } catch (URISyntaxException e) {
            return "not a valid URL";
        }
    }

    static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
