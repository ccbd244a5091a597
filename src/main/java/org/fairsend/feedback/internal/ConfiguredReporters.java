package org.fairsend.feedback.internal;

import java.util.List;
import java.util.Optional;
import org.fairsend.feedback.FeedbackLoopReporters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@link FeedbackLoopReporters} for the operator's REST API and the console: {@link FeedbackReporters} (which validates
 * and stores, and records every change with who made it and why) with the ranges shown in normalised CIDR notation.
 */
@Service
class ConfiguredReporters implements FeedbackLoopReporters {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredReporters.class);

    private final FeedbackReporters reporters;

    ConfiguredReporters(FeedbackReporters reporters) {
        this.reporters = reporters;
    }

    @Override
    public List<Reporter> list() {
        return reporters.all().stream().map(ConfiguredReporters::shown).toList();
    }

    @Override
    public Optional<Reporter> find(long id) {
        return reporters.find(id).map(ConfiguredReporters::shown);
    }

    @Override
    public Reporter create(Definition definition, String actor) {
        Reporter r = shown(reporters.create(definition, actor));
        log.info("feedback-loop reporter {} '{}' added by {} ({}): DKIM domains {}, source ranges {}", r.id(), r.name(), actor,
                definition.reason(), r.dkimDomains(), r.sourceRanges());
        return r;
    }

    @Override
    public Optional<Reporter> replace(long id, Definition definition, String actor) {
        Optional<Reporter> r = reporters.replace(id, definition, actor).map(ConfiguredReporters::shown);
        r.ifPresent(x -> log.info("feedback-loop reporter {} '{}' replaced by {} ({}): DKIM domains {}, source ranges {}", id, x.name(),
                actor, definition.reason(), x.dkimDomains(), x.sourceRanges()));
        return r;
    }

    @Override
    public boolean delete(long id, String actor, String reason) {
        boolean deleted = reporters.delete(id, actor, reason);
        if (deleted) log.info("feedback-loop reporter {} removed by {} ({})", id, actor, reason);
        return deleted;
    }

    @Override
    public List<Change> changes(long id) {
        return reporters.changes(id);
    }

    private static Reporter shown(FeedbackReporters.Reporter r) {
        return new Reporter(r.id(), r.name(), r.dkimDomains(), r.sourceRanges().stream().map(Cidr::toString).toList(), r.createdAt(),
                r.createdBy(), r.updatedAt());
    }
}
