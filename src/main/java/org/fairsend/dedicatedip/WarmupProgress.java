package org.fairsend.dedicatedip;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * How far a dedicated address's warm-up is: day {@code day} of {@code days} (0 before it starts; past {@code days} it
 * is warm), and per mailbox provider today's cap (null: no cap) and how many messages left through the dedicated
 * address and how many overflowed to the shared addresses.
 */
public record WarmupProgress(UUID requestId, String address, DedicatedIpStatus status, LocalDate today, LocalDate startsOn, int day, int days,
        List<ProviderDay> providers, long overflowToday, long dedicatedSoFar, long overflowSoFar) {

    public record ProviderDay(String provider, Integer cap, long dedicated, long overflow) {}

    public boolean warm() {
        return day > days;
    }
}
