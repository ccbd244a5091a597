package org.fairsend.platform.cluster;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/operator/cluster} (operator key, issue 18): the nodes seen in the last week (alive or not, this one
 * marked) and the job locks: which node runs each job that must run once, and whether it holds the lock now.
 */
@RestController
class ClusterController {

    /** The cluster as the operator sees it. */
    record ClusterView(String self, List<ClusterNodes.Node> nodes, List<JobLocks.Lock> locks) {}

    private final ClusterNodes nodes;
    private final JobLocks locks;

    ClusterController(ClusterNodes nodes, JobLocks locks) {
        this.nodes = nodes;
        this.locks = locks;
    }

    @GetMapping("/api/operator/cluster")
    ClusterView cluster() {
        return new ClusterView(nodes.self(), nodes.nodes(), locks.locks());
    }
}
