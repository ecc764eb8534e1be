package dev.entrada.checkin.scan;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ScanRepository extends GenericRepository<ScanRecord, Long> {

    Optional<ScanRecord> findByDeviceIdAndNonce(String deviceId, String nonce);
}
