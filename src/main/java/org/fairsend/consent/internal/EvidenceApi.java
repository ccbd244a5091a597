package org.fairsend.consent.internal;

import org.fairsend.accounts.Caller;
import org.fairsend.consent.EvidenceReports;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

/** The evidence pack as JSON and as a printable page. */
@Controller
class EvidenceApi {

    private final EvidencePacks packs;
    private final EvidenceReports reports;

    EvidenceApi(EvidencePacks packs, EvidenceReports reports) {
        this.packs = packs;
        this.reports = reports;
    }

    @GetMapping(path = "/api/evidence", produces = "application/json")
    @ResponseBody
    EvidencePacks.Pack pack(@RequestParam String address) {
        return packs.build(Caller.current().accountId(), address);
    }

    @GetMapping(path = "/api/evidence.html", produces = "text/html")
    ModelAndView page(@RequestParam String address) {
        EvidenceReports.Report report = reports.report(Caller.current().accountId(), address);
        ModelAndView mv = new ModelAndView("consent/evidence");
        mv.addObject("pack", report);
        mv.addObject("records", report.consentRecords());
        mv.addObject("states", report.consentStates());
        mv.addObject("sections", report.sections());
        return mv;
    }
}
