package org.fairsend.delivery.sms;

import org.fairsend.platform.cluster.ClusterNodes;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18: the SMPP binds of the whole cluster, counted per SMSC in {@code smpp_bind_lease} (V117). A node takes a
 * free numbered slot (below the SMSC's {@code cluster-sessions}) before it binds and gives it back when it unbinds;
 * a slot is held on its node's heartbeat, so the slot of a node that died or stopped is free to the others. Taking a
 * dead node's slot is a compare-and-set on its holder: of two nodes that race for it, one wins.
 */
final class SmppBindLeases {

    private final JdbcClient jdbc;
    private final ClusterNodes nodes;

    SmppBindLeases(JdbcClient jdbc, ClusterNodes nodes) {
        this.jdbc = jdbc;
        this.nodes = nodes;
    }

    String self() {
        return nodes.self();
    }

    /** A free slot of the SMSC (1 to {@code slots}) now held by this node, or null when every slot is held by a live node. */
    Integer acquire(String smsc, int slots) {
        for (int slot = 1; slot <= slots; slot++) {
            int taken = jdbc.sql("insert into smpp_bind_lease (smsc, slot, node_id, leased_at) values (?, ?, ?, current_timestamp)"
                    + " on conflict do nothing").params(smsc, slot, self()).update();
            if (taken == 1) return slot;
            String holder = jdbc.sql("select node_id from smpp_bind_lease where smsc = ? and slot = ?").params(smsc, slot)
                    .query(String.class).optional().orElse(null);
            if (holder == null || holder.equals(self()) || nodes.alive(holder)) continue;
            // the holder is dead or stopped: its slot is free; one of the nodes that race for it wins
            if (jdbc.sql("update smpp_bind_lease set node_id = ?, leased_at = current_timestamp where smsc = ? and slot = ? and node_id = ?")
                    .params(self(), smsc, slot, holder).update() == 1) {
                return slot;
            }
        }
        return null;
    }

    /** Whether this node still holds the slot (it is taken from a node held dead, whatever that node believes). */
    boolean holds(String smsc, int slot) {
        return jdbc.sql("select count(*) from smpp_bind_lease where smsc = ? and slot = ? and node_id = ?").params(smsc, slot, self())
                .query(Long.class).single() > 0;
    }

    /** Gives the slot back (when this node unbinds). */
    void release(String smsc, int slot) {
        jdbc.sql("delete from smpp_bind_lease where smsc = ? and slot = ? and node_id = ?").params(smsc, slot, self()).update();
    }
}
