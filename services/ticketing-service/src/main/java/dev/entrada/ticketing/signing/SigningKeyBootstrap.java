package dev.entrada.ticketing.signing;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Makes sure a key exists before anything can be signed: this runs after every bean is created
 * (so after the Flyway migration) and before the Kafka listeners start.
 */
@Component
class SigningKeyBootstrap implements SmartInitializingSingleton {
    private final SigningKeys signingKeys;

    SigningKeyBootstrap(SigningKeys signingKeys) {
        this.signingKeys = signingKeys;
    }

    @Override
    public void afterSingletonsInstantiated() {
        signingKeys.ensureActiveKeyAndPublish();
    }
}
