/*
 * The raw libsodium ceiling for the benchmarks of DESIGN.md §9: only the cryptographic
 * operations, with no parsing, no I/O and no allocation in the loop.
 *
 *   sodium-ceiling aead MIB        ChaCha20-Poly1305-IETF seal + open of MIB MiB in 64 KiB chunks
 *   sodium-ceiling message COUNT   COUNT × (one X25519 scalarmult + one Ed25519 verify), one core
 *
 * Prints one line of `key=value` pairs (seconds are CPU time of this process).
 */
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

static int aead(long mib) {
    enum { CHUNK = 65536 };
    unsigned char key[32], nonce[12] = {0};
    static unsigned char plain[CHUNK], sealed[CHUNK + 16], opened[CHUNK];
    randombytes_buf(key, sizeof key);
    randombytes_buf(plain, sizeof plain);
    long chunks = mib * 16;
    unsigned long long n = 0;

    double t0 = cpu_seconds();
    for (long i = 0; i < chunks; i++) {
        memcpy(nonce, &i, sizeof i); /* a fresh nonce per chunk, as STREAM does */
        crypto_aead_chacha20poly1305_ietf_encrypt(sealed, &n, plain, CHUNK, NULL, 0, NULL, nonce, key);
    }
    double seal_seconds = cpu_seconds() - t0;

    /* Open the last sealed chunk under its own nonce, chunks times: the full work of a
       successful open (tag check and decryption) without a sealed copy of the whole file. */
    t0 = cpu_seconds();
    for (long i = 0; i < chunks; i++) {
        if (crypto_aead_chacha20poly1305_ietf_decrypt(opened, &n, NULL, sealed, CHUNK + 16, NULL, 0, nonce, key) != 0) {
            fprintf(stderr, "open failed\n");
            return 1;
        }
    }
    double open_seconds = cpu_seconds() - t0;

    double bytes = (double)chunks * CHUNK;
    printf("op=aead mib=%ld seal_seconds=%.4f open_seconds=%.4f seal_mb_s=%.1f open_mb_s=%.1f\n", mib,
           seal_seconds, open_seconds, bytes / seal_seconds / 1e6, bytes / open_seconds / 1e6);
    return 0;
}

static int message(long count) {
    unsigned char xsk[32], xpk[32], shared[32];
    unsigned char epk[32], esk[32];
    unsigned char pk[32], sk[64], sig[64], msg[64];
    randombytes_buf(xsk, sizeof xsk);
    randombytes_buf(esk, sizeof esk);
    crypto_scalarmult_base(xpk, xsk);
    crypto_scalarmult_base(epk, esk);
    crypto_sign_keypair(pk, sk);
    randombytes_buf(msg, sizeof msg);
    crypto_sign_detached(sig, NULL, msg, sizeof msg, sk);
    double start = cpu_seconds();
    for (long i = 0; i < count; i++) {
        if (crypto_scalarmult(shared, xsk, epk) != 0) return 1;
        if (crypto_sign_verify_detached(sig, msg, sizeof msg, pk) != 0) return 1;
    }
    double seconds = cpu_seconds() - start;
    printf("op=message count=%ld seconds=%.4f per_second_one_core=%.1f\n", count, seconds, count / seconds);
    return 0;
}

int main(int argc, char **argv) {
    if (sodium_init() < 0 || argc != 3) {
        fprintf(stderr, "usage: sodium-ceiling aead MIB | message COUNT\n");
        return 64;
    }
    long n = strtol(argv[2], NULL, 10);
    if (strcmp(argv[1], "aead") == 0) return aead(n);
    if (strcmp(argv[1], "message") == 0) return message(n);
    fprintf(stderr, "usage: sodium-ceiling aead MIB | message COUNT\n");
    return 64;
}
