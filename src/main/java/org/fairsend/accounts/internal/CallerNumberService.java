package org.fairsend.accounts.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.CallerNumberRules;
import org.fairsend.accounts.CallerNumbers;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.fairsend.accounts.CallerRanges;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Caller-number declarations: a number is declared with the name of the person declaring it and
 * the text of the ownership declaration, checked against {@link CallerNumberRules} and the current policy's
 * verified ranges, and kept with who and when. A withdrawal keeps the record. SQL in {@link CallerNumberStore}.
 */
@Service
class CallerNumberService implements CallerNumbers {

    private final CallerNumberStore store;
    private final Clock clock;
    private final CallerRanges ranges;
    private final AccountDirectory accounts;
    private final CallerNumberProperties props;

    CallerNumberService(CallerNumberStore store, Clock clock, CallerRanges ranges, AccountDirectory accounts, CallerNumberProperties props) {
        this.store = store;
        this.clock = clock;
        this.ranges = ranges;
        this.accounts = accounts;
        this.props = props;
    }

    @Override
    @Transactional
    public CallerNumber declare(UUID accountId, String number, String declarantName, String declaration, String actor) {
        accounts.get(accountId);
        List<Violation> v = new ArrayList<>();
        var verdict = CallerNumberRules.check(number, ranges.current(), "number");
        if (!verdict.allowed()) v.add(verdict.violation());
        String name = declarantName == null ? "" : declarantName.strip();
        if (name.length() < 2 || name.length() > 200) {
            v.add(new Violation("declarantName", "R-21", "the name of the person declaring the number (2 to 200 characters)"));
        }
        String text = declaration == null ? "" : declaration.strip();
        if (text.length() < 20 || text.length() > 4000) {
            v.add(new Violation("declaration", "R-21", "the text of the ownership declaration (20 to 4,000 characters)"));
        } else if (verdict.allowed() && !digits(text).contains(digits(verdict.national()))
                && !digits(text).contains(digits(verdict.e164()))) {
            v.add(new Violation("declaration", "R-21", "the declaration must name the number it declares (" + verdict.national() + ")"));
        }
        if (v.isEmpty() && store.activeExists(accountId, verdict.e164())) {
            v.add(new Violation("number", "unique", verdict.national() + " is already declared by the account"));
        }
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        UUID id = Ids.newId();
        store.insert(id, accountId, verdict.e164(), verdict.national(), verdict.range(), name, actor, clock.instant(), text);
        return find(accountId, id).orElseThrow();
    }

    @Transactional
    public CallerNumber withdraw(UUID accountId, UUID id) {
        CallerNumber c = find(accountId, id).orElseThrow(() -> new NotFound("caller number"));
        if (c.active()) {
            store.withdraw(id, clock.instant());
        }
        return find(accountId, id).orElseThrow();
    }

    @Override
    public Optional<CallerNumber> find(UUID accountId, UUID id) {
        return store.find(accountId, id);
    }

    @Override
    public List<CallerNumber> list(UUID accountId) {
        return store.list(accountId);
    }

    @Override
    public Optional<CallerId> effective(UUID accountId, UUID callerNumberId) {
        var policy = ranges.current();
        if (callerNumberId == null) {
            if (props.platformCallerNumber() == null) return Optional.empty();
            var verdict = CallerNumberRules.check(props.platformCallerNumber(), policy, "fairsend.voice.platform-caller-number");
            return verdict.allowed() ? Optional.of(new CallerId(verdict.e164(), Source.PLATFORM, null)) : Optional.empty();
        }
        return find(accountId, callerNumberId).filter(CallerNumber::active)
                // the ranges are policy: a number the operator's new policy no longer allows is not shown
                .filter(c -> CallerNumberRules.check(c.e164(), policy, "callerNumberId").allowed())
                .map(c -> new CallerId(c.e164(), Source.DECLARED, c.id()));
    }

    private static String digits(String s) {
        return s == null ? "" : s.replaceAll("[^0-9]", "");
    }
}
