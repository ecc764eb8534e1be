package dev.entrada.registration.registration;

public enum RegistrationStatus { CONFIRMED, WAITLISTED, CANCELLED }
