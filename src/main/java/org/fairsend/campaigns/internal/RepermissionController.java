package org.fairsend.campaigns.internal;

import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.campaigns.Repermissions;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/campaigns/{id}/repermission} creates the re-permission draft for the campaign's inactive contacts. */
@RestController
class RepermissionController {

    private final Repermissions repermissions;

    RepermissionController(Repermissions repermissions) {
        this.repermissions = repermissions;
    }

    @PostMapping("/api/campaigns/{id}/repermission")
    @ResponseStatus(HttpStatus.CREATED)
    Repermissions.Created create(@PathVariable UUID id) {
        return repermissions.create(Caller.current().accountId(), id);
    }
}
