package dev.entrada.contracts.catalog;

import dev.entrada.contracts.DomainEvent;

/** Events of the event catalogue aggregate, on the compacted {@code event-catalog} topic. */
public sealed interface CatalogEvent extends DomainEvent permits EventPublished {
}
