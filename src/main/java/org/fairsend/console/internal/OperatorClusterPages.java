package org.fairsend.console.internal;

import java.util.List;
import org.fairsend.platform.cluster.ClusterNodes;
import org.fairsend.platform.cluster.JobLocks;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The operator's cluster page (issue 18): the nodes with their heartbeats (this one marked) and the job locks, which
 * node ran each job that must run once and whether it holds the lock now. The same as {@code GET /api/operator/cluster}.
 */
@Controller
class OperatorClusterPages implements ConsolePage {

    static final String PATH = "/console/operator/cluster";

    private final ClusterNodes nodes;
    private final JobLocks locks;

    OperatorClusterPages(ClusterNodes nodes, JobLocks locks) {
        this.nodes = nodes;
        this.locks = locks;
    }

    @GetMapping(PATH)
    String cluster(Model model) {
        model.addAttribute("title", "Cluster");
        model.addAttribute("self", nodes.self());
        model.addAttribute("nodes", nodes.nodes());
        model.addAttribute("locks", locks.locks());
        return "console/operator/cluster";
    }

    @Component
    static class Section implements ConsoleSection {
        @Override
        public List<NavLink> links(ConsoleUser user) {
            return user.operator() ? List.of(new NavLink("Cluster", PATH, 95)) : List.of();
        }
    }
}
