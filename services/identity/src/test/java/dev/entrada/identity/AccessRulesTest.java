package dev.entrada.identity;

import dev.entrada.identity.Access.Audience;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessRulesTest {
    private static final Caller STAFF = new Caller("marta", Role.STAFF, Set.of("b2b"), "s-1");
    private static final Caller ORGANIZER = new Caller("olga", Role.ORGANIZER, Set.of(), "s-2");
    private static final Caller ADMIN = new Caller("root", Role.ADMIN, Set.of(), "s-3");

    @Access(Audience.PUBLIC) void open() { }
    @Access(Audience.LINK) void link() { }
    @Access(Audience.STAFF) void staff() { }
    @Access(Audience.ORGANIZER) void organizer() { }
    @Access(Audience.ADMIN) void admin() { }

    @Test
    void eachAudienceLetsInExactlyTheRolesItNames() throws Exception {
        allows("open", null, STAFF, ORGANIZER, ADMIN);
        allows("link", null, STAFF, ORGANIZER, ADMIN);
        allows("staff", STAFF, ORGANIZER, ADMIN);
        denies("staff", 401, (Caller) null);
        allows("organizer", ORGANIZER, ADMIN);
        denies("organizer", 403, STAFF);
        denies("organizer", 401, (Caller) null);
        allows("admin", ADMIN);
        denies("admin", 403, STAFF, ORGANIZER);
    }

    @Test
    void anEndpointWithoutADeclarationIsClosedToEveryone() {
        assertThatThrownBy(() -> AccessRules.check(null, ADMIN))
                .isInstanceOfSatisfying(AccessDenied.class, e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void staffWorkOnlyOnTheirAssignedEvents() {
        assertThatCode(() -> AccessRules.checkEvent(STAFF, "b2b")).doesNotThrowAnyException();
        assertThatThrownBy(() -> AccessRules.checkEvent(STAFF, "noche")).isInstanceOf(AccessDenied.class);
        assertThatCode(() -> AccessRules.checkEvent(ORGANIZER, "noche")).doesNotThrowAnyException();
        assertThatCode(() -> AccessRules.checkEvent(new Caller("all", Role.STAFF, Set.of(Caller.ALL_EVENTS), "s"), "noche"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> AccessRules.checkEvent(null, "b2b")).isInstanceOf(AccessDenied.class);
    }

    private void allows(String method, Caller... callers) throws Exception {
        Access access = getClass().getDeclaredMethod(method).getAnnotation(Access.class);
        for (Caller caller : callers) {
            assertThatCode(() -> AccessRules.check(access, caller)).as(method + " for " + caller).doesNotThrowAnyException();
        }
    }

    private void denies(String method, int status, Caller... callers) throws Exception {
        Access access = getClass().getDeclaredMethod(method).getAnnotation(Access.class);
        for (Caller caller : callers) {
            assertThatThrownBy(() -> AccessRules.check(access, caller)).as(method + " for " + caller)
                    .isInstanceOfSatisfying(AccessDenied.class, e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(status));
        }
    }
}
