package dev.entrada.ticketing.signing;

import dev.entrada.contracts.code.Ed25519Keys;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyPairsTest {

    @Test
    void thePublicHalfIsDerivedFromThePrivateKeyAlone() {
        for (int i = 0; i < 20; i++) {
            KeyPair generated = Ed25519Keys.generate();
            KeyPair derived = KeyPairs.of(Ed25519Keys.privateKey(Ed25519Keys.privateKeyText(generated.getPrivate())));
            assertThat(derived.getPublic().getEncoded()).isEqualTo(generated.getPublic().getEncoded());
        }
    }

    @Test
    void aKeyOfAnotherAlgorithmIsRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertThatThrownBy(() -> KeyPairs.of(rsa.generateKeyPair().getPrivate())).isInstanceOf(IllegalArgumentException.class);
    }
}
