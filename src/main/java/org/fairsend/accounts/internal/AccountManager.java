package org.fairsend.accounts.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDetailsChanged;
import org.fairsend.accounts.AccountService;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RecipientLanguages;
import org.fairsend.platform.RuleViolation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The accounts module's {@link AccountService}: the rules on opening and changing an account; SQL in {@link AccountStore}. */
@Service
class AccountManager implements AccountService {

    private final AccountStore store;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final RegulatedApplications regulated;

    private final FreezeStore freezes;
    private final RecipientLanguages languages;

    AccountManager(AccountStore store, Clock clock, ApplicationEventPublisher events, RegulatedApplications regulated,
            FreezeStore freezes, RecipientLanguages languages) {
        this.languages = languages;
        this.freezes = freezes;
        this.store = store;
        this.clock = clock;
        this.events = events;
        this.regulated = regulated;
    }

    @Override
    @Transactional
    public Account create(NewAccount in) {
        if (in.legalName() == null || in.legalName().isBlank()) {
            throw new RuleViolation("legalName", "required", "the account's legal name is required");
        }
        if (in.legalName().length() > 200) throw new RuleViolation("legalName", "length", "at most 200 characters");
        if (in.tradeName() != null && in.tradeName().length() > 200) throw new RuleViolation("tradeName", "length", "at most 200 characters");
        String country = in.country() == null ? "" : in.country().trim().toUpperCase(Locale.ROOT);
        if (!country.matches("[A-Z]{2}") || !List.of(Locale.getISOCountries()).contains(country)) {
            throw new RuleViolation("country", "iso-3166", "country must be an ISO 3166 alpha-2 code such as FR");
        }
        if (in.mainlandFrance() == null) {
            throw new RuleViolation("mainlandFrance", "required", "say whether the account is established in mainland France (R-23)");
        }
        if (in.mainlandFrance() && !country.equals("FR")) {
            throw new RuleViolation("mainlandFrance", "R-23", "an account established in mainland France has country FR");
        }
        String email = Addresses.email(in.contactEmail(), "contactEmail");
        String phone = in.mainPhone() == null || in.mainPhone().isBlank() ? null
                : Addresses.phone(in.mainPhone(), country, "mainPhone").e164();
        if (in.postcode() != null && in.postcode().length() > 16) throw new RuleViolation("postcode", "length", "at most 16 characters");
        long fee = in.subscriptionFeeCents() == null ? 0 : in.subscriptionFeeCents();
        if (fee < 0) throw new RuleViolation("subscriptionFeeCents", "min", "the subscription fee cannot be negative");
        String currency = in.currency() == null ? "EUR" : in.currency().trim().toUpperCase(Locale.ROOT);
        if (!currency.matches("[A-Z]{3}")) throw new RuleViolation("currency", "iso-4217", "currency must be an ISO 4217 code such as EUR");
        String given = languages.validate("language", in.language());
        // issue 20: an account that names no language gives its recipients its country's (French for France)
        String language = given != null ? given : languages.ofCountry(country);
        String address = postalAddress(in.postalAddress());

        UUID id = Ids.newId();
        store.insert(id, in.legalName().strip(), blankToNull(in.tradeName()), country, in.mainlandFrance(), email, phone,
                blankToNull(in.postcode()), fee, currency, clock.instant());
        if (language != null || address != null) store.updateSettings(id, language, address);
        return get(id);
    }

    @Override
    @Transactional
    public Account updateDetails(UUID id, DetailsUpdate in) {
        Account a = get(id);
        String phone = a.mainPhone();
        if (in.mainPhone() != null) {
            phone = in.mainPhone().isBlank() ? null : Addresses.phone(in.mainPhone(), a.country(), "mainPhone").e164();
        }
        String postcode = a.postcode();
        if (in.postcode() != null) {
            if (in.postcode().length() > 16) throw new RuleViolation("postcode", "length", "at most 16 characters");
            postcode = blankToNull(in.postcode());
        }
        if (Objects.equals(phone, a.mainPhone()) && Objects.equals(postcode, a.postcode())) return a;
        store.updateDetails(id, phone, postcode);
        events.publishEvent(new AccountDetailsChanged(id, a.mainPhone(), a.postcode(), clock.instant()));
        return get(id);
    }

    @Override
    @Transactional
    public Account updateSettings(UUID id, Settings in) {
        Account a = get(id);
        String language = in.language() == null ? a.language() : languages.validate("language", in.language());
        String address = in.postalAddress() == null ? a.postalAddress() : postalAddress(in.postalAddress());
        store.updateSettings(id, language, address);
        return get(id);
    }

    /**
     * A postal address as the footer prints it: lines joined by ", ", at most 500 characters, no markup or control
     * characters (it is shown in every marketing email); blank is null.
     */
    static String postalAddress(String in) {
        if (in == null || in.isBlank()) return null;
        String joined = String.join(", ", in.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        if (joined.length() > 500) throw new RuleViolation("postalAddress", "length", "postalAddress: at most 500 characters");
        if (joined.chars().anyMatch(c -> c < 0x20 || c == '<' || c == '>')) {
            throw new RuleViolation("postalAddress", "format", "postalAddress: plain text, without control characters or < >");
        }
        if (joined.chars().filter(Character::isLetterOrDigit).count() < 8) {
            throw new RuleViolation("postalAddress", "R-9", "postalAddress: a full postal address (street, postcode and town) where"
                    + " recipients can write to the sender");
        }
        return joined;
    }

    @Override
    public Optional<Account> find(UUID id) {
        // R-11 (issue 19): the regulated themes are those of the approvals in force now, by the application's clock
        return store.find(id).map(a -> a.withApprovedCategories(regulated.approvedThemes(id)));
    }

    @Override
    public Account get(UUID id) {
        return find(id).orElseThrow(() -> new NotFound("account"));
    }

    @Override
    public List<Account> list() {
        var themes = regulated.approvedThemes();
        return store.list().stream().map(a -> a.withApprovedCategories(themes.getOrDefault(a.id(), Set.of()))).toList();
    }

    @Override
    public ChannelStatus channelStatus(UUID accountId, Channel channel) {
        Account a = get(accountId);
        if (a.status() == Account.Status.TERMINATED) {
            return new ChannelStatus(channel, ChannelState.TERMINATED, null, "the account is terminated");
        }
        if (a.status() == Account.Status.FROZEN) {
            // issue 19: a frozen account sends nothing on any channel, transactional messages included
            return new ChannelStatus(channel, ChannelState.FROZEN, null, "the account is frozen by the operator"
                    + freezes.open(accountId).map(f -> ": " + f.reason()).orElse(""));
        }
        return store.channel(accountId, channel)
                .map(row -> {
                    // a time-limited suspension lapses by itself
                    ChannelState status = row.status() != ChannelState.ACTIVE && row.until() != null
                            && !row.until().isAfter(clock.instant()) ? ChannelState.ACTIVE : row.status();
                    return new ChannelStatus(channel, status, row.until(), row.reason());
                })
                .orElse(new ChannelStatus(channel, ChannelState.ACTIVE, null, null));
    }

    @Override
    public Optional<MarketingPause> marketingPause(UUID accountId, Channel channel) {
        return store.marketingPause(accountId, channel);
    }

    @Override
    @Transactional
    public boolean pauseMarketing(UUID accountId, Channel channel, String reason) {
        get(accountId);
        return store.pauseMarketing(accountId, channel, reason, clock.instant());
    }

    @Override
    @Transactional
    public boolean resumeMarketing(UUID accountId, Channel channel) {
        get(accountId);
        return store.resumeMarketing(accountId, channel, clock.instant());
    }

    @Override
    @Transactional
    public void suspendChannel(UUID accountId, Channel channel, Instant until, String reason) {
        get(accountId);
        store.setChannel(accountId, channel, ChannelState.SUSPENDED, until, reason, clock.instant());
    }

    @Override
    @Transactional
    public void reinstateChannel(UUID accountId, Channel channel, String reason) {
        get(accountId);
        store.setChannel(accountId, channel, ChannelState.ACTIVE, null, reason, clock.instant());
    }

    @Override
    @Transactional
    public void terminate(UUID accountId, String reason) {
        get(accountId);
        store.setStatus(accountId, Account.Status.TERMINATED);
    }

    @Override
    @Transactional
    public void reinstate(UUID accountId, String reason) {
        get(accountId);
        // issue 19: an account frozen before its termination is frozen again, until the operator lifts the freeze
        store.setStatus(accountId, freezes.open(accountId).isPresent() ? Account.Status.FROZEN : Account.Status.ACTIVE);
    }

    @Override
    public List<ChannelStatus> channels(UUID accountId) {
        return Arrays.stream(Channel.values()).map(c -> channelStatus(accountId, c)).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
