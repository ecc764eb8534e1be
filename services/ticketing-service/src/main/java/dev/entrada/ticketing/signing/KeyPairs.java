package dev.entrada.ticketing.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;

/** Ed25519 helpers the JDK lacks. */
final class KeyPairs {

    /**
     * The key pair of a private key. The JDK has no public call for this, but an Ed25519 private key
     * is just its 32-byte seed, and the key pair generator draws exactly that seed from the random
     * source it is given; the result is checked by signing and verifying.
     *
     * @throws IllegalArgumentException when the key is not a usable Ed25519 private key
     */
    static KeyPair of(PrivateKey privateKey) {
        if (!(privateKey instanceof EdECPrivateKey edKey) || edKey.getBytes().isEmpty()) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        byte[] seed = edKey.getBytes().get();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    if (bytes.length != seed.length) {
                        throw new IllegalStateException("unexpected seed length " + bytes.length);
                    }
                    System.arraycopy(seed, 0, bytes, 0, seed.length);
                }
            });
            KeyPair pair = generator.generateKeyPair();
            byte[] probe = "entrada key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(pair.getPublic());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("could not derive the public key of an Ed25519 private key");
            }
            return new KeyPair(pair.getPublic(), privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable Ed25519 private key", e);
        }
    }

    private KeyPairs() {
    }
}
