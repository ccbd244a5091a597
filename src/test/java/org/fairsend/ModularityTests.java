package org.fairsend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Verifies the module boundaries of docs/ARCHITECTURE.md (no cycles, only API packages used across modules). */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(FairsendApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    /**
     * Issue 20: the results module reads delivery's and feedback's data through their published views only (V136,
     * V137), never through their types; it uses the campaigns API (and the caller's account), and the campaigns module
     * reaches it only through the port it declares ({@code CampaignFigures}).
     */
    @Test
    void resultsReadOtherModulesThroughTheirViewsAndThePort() {
        var results = MODULES.getModuleByName("results").orElseThrow();
        assertThat(results.getDirectDependencies(MODULES).uniqueModules().map(m -> m.getIdentifier().toString()).toList())
                .containsExactlyInAnyOrder("campaigns", "accounts", "platform");
        var campaigns = MODULES.getModuleByName("campaigns").orElseThrow();
        assertThat(campaigns.getDirectDependencies(MODULES).containsModuleNamed("results")).isFalse();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
    }
}
