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

#endif
