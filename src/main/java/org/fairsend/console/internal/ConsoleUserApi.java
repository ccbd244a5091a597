package org.fairsend.console.internal;

import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator creates console users through the API (operator key): an account's first admin, or another
 * operator. The answer holds the password once when it was generated. The operator also disables any console user:
 * their sessions end at their next request.
 */
@RestController
class ConsoleUserApi {

    private final ConsoleUsers users;
    private final AccountDirectory accounts;

    ConsoleUserApi(ConsoleUsers users, AccountDirectory accounts) {
        this.users = users;
        this.accounts = accounts;
    }

    record UserView(UUID id, UUID accountId, String email, String displayName, String role, java.time.Instant createdAt,
            String createdBy, java.time.Instant disabledAt, java.time.Instant lastSignInAt) {
        static UserView of(ConsoleUser u) {
            return new UserView(u.id(), u.accountId(), u.email(), u.displayName(), u.role().code(), u.createdAt(), u.createdBy(),
                    u.disabledAt(), u.lastSignInAt());
        }
    }

    record CreatedView(UserView user, String password) {}

    @PostMapping("/api/operator/accounts/{id}/console-users")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedView createAccountUser(@PathVariable UUID id, @RequestBody ConsoleUsers.NewUser in) {
        accounts.get(id);
        var c = users.create(id, withRole(in, "admin"), Caller.current().actor());
        return new CreatedView(UserView.of(c.user()), c.generatedPassword());
    }

    @GetMapping("/api/operator/accounts/{id}/console-users")
    List<UserView> accountUsers(@PathVariable UUID id) {
        accounts.get(id);
        return users.ofAccount(id).stream().map(UserView::of).toList();
    }

    @PostMapping("/api/operator/console-users")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedView createOperator(@RequestBody ConsoleUsers.NewUser in) {
        var c = users.create(null, withRole(in, "operator"), Caller.current().actor());
        return new CreatedView(UserView.of(c.user()), c.generatedPassword());
    }

    @GetMapping("/api/operator/console-users")
    List<UserView> operators() {
        return users.operators().stream().map(UserView::of).toList();
    }

    @PostMapping("/api/operator/console-users/{id}/disable")
    UserView disable(@PathVariable UUID id) {
        return UserView.of(users.disable(id));
    }

    private static ConsoleUsers.NewUser withRole(ConsoleUsers.NewUser in, String role) {
        if (in == null) return new ConsoleUsers.NewUser(null, null, role, null);
        return in.role() == null ? new ConsoleUsers.NewUser(in.email(), in.displayName(), role, in.password()) : in;
    }
}
