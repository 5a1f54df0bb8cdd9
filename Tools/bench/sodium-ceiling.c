/*
 * The raw libsodium ceiling for the benchmarks of DESIGN.md §9: only the cryptographic
 * operations, with no parsing, no I/O and no allocation in the loop.
 *
 *   sodium-ceiling aead MIB        ChaCha20-Poly1305-IETF seal + open of MIB MiB in 64 KiB chunks,
 *                                  streamed from memory and, for comparison, from one chunk in cache
 *   sodium-ceiling message COUNT [THREADS [VERIFIES]]
 *                                  COUNT × (one X25519 scalarmult + VERIFIES Ed25519 verifications,
 *                                  default 1), split over THREADS threads (default 1)
 *
 * Prints one line of `key=value` pairs: for aead the CPU time of each loop, for message the
 * wall time of the whole batch (so that THREADS = the number of cores gives the rate the
 * machine allows) and the CPU time of this process.
 */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seal and open MIB MiB in 64 KiB chunks, timed by CPU time, two ways:
 *   - streaming (seal_seconds, open_seconds): every chunk is read from its own place in a
 *     MIB-sized buffer, as the bytes of a file pass through memory once, and sealed or
 *     opened into one reused output buffer, as commsmap's stream does. This is the ceiling
 *     the ratios use: no program encrypting a file can keep its bytes in cache beforehand.
 *   - hot (seal_hot_seconds, open_hot_seconds): one 64 KiB chunk again and again, always
 *     in cache, the fastest libsodium can go on this CPU; shown for comparison. */
static int aead(long mib) {
    enum { CHUNK = 65536, SEALED = CHUNK + 16 };
    unsigned char key[32], nonce[12] = {0};
    long chunks = mib * 16;
    unsigned char *plain = malloc((size_t)chunks * CHUNK);
    unsigned char *sealed_all = malloc((size_t)chunks * SEALED);
    static unsigned char out[SEALED];
    if (plain == NULL || sealed_all == NULL) {
        fprintf(stderr, "aead: cannot allocate %ld MiB\n", mib);
        return 1;
    }
    randombytes_buf(key, sizeof key);
    randombytes_buf(plain, (size_t)chunks * CHUNK);
    unsigned long long n = 0;
    /* Untimed: the sealed chunks that the streaming open reads, each under its own nonce. */
    for (long i = 0; i < chunks; i++) {
        memcpy(nonce, &i, sizeof i);
        crypto_aead_chacha20poly1305_ietf_encrypt(sealed_all + i * SEALED, &n, plain + i * CHUNK, CHUNK, NULL, 0,
                                                  NULL, nonce, key);
    }

    double t0 = cpu_seconds();
    for (long i = 0; i < chunks; i++) {
        memcpy(nonce, &i, sizeof i); /* a fresh nonce per chunk, as STREAM does */
        crypto_aead_chacha20poly1305_ietf_encrypt(out, &n, plain + i * CHUNK, CHUNK, NULL, 0, NULL, nonce, key);
    }
    double seal_seconds = cpu_seconds() - t0;

    t0 = cpu_seconds();
    for (long i = 0; i < chunks; i++) {
        memcpy(nonce, &i, sizeof i);
        if (crypto_aead_chacha20poly1305_ietf_decrypt(out, &n, NULL, sealed_all + i * SEALED, SEALED, NULL, 0, nonce,
                                                      key) != 0) {
            fprintf(stderr, "open failed\n");
            return 1;
        }
    }
    double open_seconds = cpu_seconds() - t0;

    t0 = cpu_seconds();
    for (long i = 0; i < chunks; i++) {
        memcpy(nonce, &i, sizeof i);
        crypto_aead_chacha20poly1305_ietf_encrypt(sealed_all, &n, plain, CHUNK, NULL, 0, NULL, nonce, key);
    }
    double seal_hot_seconds = cpu_seconds() - t0;

    /* The first chunk, sealed last under nonce chunks - 1, opened again and again. */
    t0 = cpu_seconds();
    for (long i = 0; i < chunks; i++) {
        if (crypto_aead_chacha20poly1305_ietf_decrypt(out, &n, NULL, sealed_all, SEALED, NULL, 0, nonce, key) != 0) {
            fprintf(stderr, "open failed\n");
            return 1;
        }
    }
    double open_hot_seconds = cpu_seconds() - t0;
    free(plain);
    free(sealed_all);

    double bytes = (double)chunks * CHUNK;
    printf("op=aead mib=%ld seal_seconds=%.4f open_seconds=%.4f seal_mb_s=%.1f open_mb_s=%.1f "
           "seal_hot_seconds=%.4f open_hot_seconds=%.4f\n",
           mib, seal_seconds, open_seconds, bytes / seal_seconds / 1e6, bytes / open_seconds / 1e6, seal_hot_seconds,
           open_hot_seconds);
    return 0;
}

static double wall_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long verifies_per_message = 1;

/* One thread's share of the message loop: its own keys, as each file has its own. */
static void *message_worker(void *argument) {
    long count = *(long *)argument;
    unsigned char xsk[32], shared[32];
    unsigned char epk[32], esk[32];
    unsigned char pk[32], sk[64], sig[64], msg[64];
    randombytes_buf(xsk, sizeof xsk);
    randombytes_buf(esk, sizeof esk);
    crypto_scalarmult_base(epk, esk);
    crypto_sign_keypair(pk, sk);
    randombytes_buf(msg, sizeof msg);
    crypto_sign_detached(sig, NULL, msg, sizeof msg, sk);
    for (long i = 0; i < count; i++) {
        if (crypto_scalarmult(shared, xsk, epk) != 0) return argument;
        for (long v = 0; v < verifies_per_message; v++) {
            if (crypto_sign_verify_detached(sig, msg, sizeof msg, pk) != 0) return argument;
        }
    }
    return NULL;
}

static int message(long count, long threads) {
    enum { MAX_THREADS = 64 };
    if (threads < 1 || threads > MAX_THREADS || count < threads) {
        fprintf(stderr, "message: THREADS must be 1…%d and at most COUNT\n", MAX_THREADS);
        return 64;
    }
    pthread_t ids[MAX_THREADS];
    long shares[MAX_THREADS];
    double start = wall_seconds(), cpu_start = cpu_seconds();
    for (long t = 0; t < threads; t++) {
        shares[t] = count / threads + (t < count % threads ? 1 : 0);
        if (pthread_create(&ids[t], NULL, message_worker, &shares[t]) != 0) return 1;
    }
    int failed = 0;
    for (long t = 0; t < threads; t++) {
        void *result;
        pthread_join(ids[t], &result);
        if (result != NULL) failed = 1;
    }
    double seconds = wall_seconds() - start, cpu = cpu_seconds() - cpu_start;
    if (failed) {
        fprintf(stderr, "message: a libsodium call failed\n");
        return 1;
    }
    printf("op=message count=%ld threads=%ld verifies=%ld wall_seconds=%.4f cpu_seconds=%.4f per_second=%.1f\n", count,
           threads, verifies_per_message, seconds, cpu, count / seconds);
    return 0;
}

int main(int argc, char **argv) {
    if (sodium_init() < 0 || argc < 3 || argc > 5) {
        fprintf(stderr, "usage: sodium-ceiling aead MIB | message COUNT [THREADS [VERIFIES]]\n");
        return 64;
    }
    long n = strtol(argv[2], NULL, 10);
    if (strcmp(argv[1], "aead") == 0 && argc == 3) return aead(n);
    if (strcmp(argv[1], "message") == 0) {
        if (argc == 5) verifies_per_message = strtol(argv[4], NULL, 10);
        if (verifies_per_message < 0) verifies_per_message = 0;
        return message(n, argc >= 4 ? strtol(argv[3], NULL, 10) : 1);
    }
    fprintf(stderr, "usage: sodium-ceiling aead MIB | message COUNT [THREADS [VERIFIES]]\n");
    return 64;
}
