// The C surface Laurel uses from OpenSSL's libcrypto. Only BadgeCrypto imports this module.
#ifndef LAUREL_COPENSSL_SHIM_H
#define LAUREL_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/ec.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>

// Function-like and composite macros that Swift cannot import, wrapped as static inline functions.

/// `EVP_PKEY_PUBLIC_KEY`: the selection for `EVP_PKEY_fromdata` that builds a public key.
static inline int laurel_EVP_PKEY_PUBLIC_KEY(void) { return EVP_PKEY_PUBLIC_KEY; }

/// `BIO_get_mem_data`: points `*data` at a memory BIO's contents and returns their length.
static inline long laurel_BIO_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

/// A PEM pass-phrase callback that refuses, so an encrypted key fails instead of prompting on a terminal.
static inline int laurel_no_passphrase(char *buf, int size, int rwflag, void *userdata) {
    (void)buf; (void)size; (void)rwflag; (void)userdata;
    return -1;
}

#endif
