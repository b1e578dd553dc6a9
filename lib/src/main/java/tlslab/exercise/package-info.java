/**
 * The interfaces the course's exercises implement (in {@code exercises/}). Every method takes and
 * returns plain values (byte arrays, numbers, strings), so the auto-grader can call a student's
 * implementation in a separate JVM, and a solved exercise can stand in for the library's own code:
 * a {@link tlslab.crypto.Prf.Function} (exercise 5) drives a real handshake through
 * {@link tlslab.engine.TlsConfig#prf}.
 */
package tlslab.exercise;
