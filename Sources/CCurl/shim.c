// The options are passed with their exact types, so the compile-time option checks add nothing here.
#define CURL_DISABLE_TYPECHECK
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE  // secure_getenv
#endif
#include "CCurl.h"

#include <dlfcn.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

// libcurl's functions as they are found in the loaded library. Every one is resolved before any is used: a
// library missing one counts as not loaded.
static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    void (*free_)(void *);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLU *(*url)(void);
    void (*url_cleanup)(CURLU *);
    CURLUcode (*url_get)(CURLU *, CURLUPart, char **, unsigned int);
    CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
} api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded = 0;
static char unavailable[1024];

#if defined(__APPLE__)
static const char *const library_names[] = {"libcurl.4.dylib", "/usr/lib/libcurl.4.dylib", "libcurl.dylib", NULL};
static const char *const install_hint = "macOS includes it in /usr/lib; or install it with: brew install curl";
#else
static const char *const library_names[] = {"libcurl.so.4", "libcurl.so", NULL};
static const char *const install_hint =
    "install it (Debian, Ubuntu: apt-get install libcurl4; Fedora: dnf install libcurl; Alpine: apk add libcurl)";
#endif

/// `LAUREL_LIBCURL`, when set and not empty: the one library file to load instead of the system's libcurl.
static const char *library_override(void) {
#if defined(__linux__)
    const char *path = secure_getenv("LAUREL_LIBCURL");
#else
    const char *path = getenv("LAUREL_LIBCURL");
#endif
    return path != NULL && path[0] != '\0' ? path : NULL;
}

static void *resolve(void *library, const char *name, const char **missing) {
    void *symbol = dlsym(library, name);
    if (symbol == NULL && *missing == NULL) *missing = name;
    return symbol;
}

static void load(void) {
    const char *override = library_override();
    const char *const only[] = {override, NULL};
    const char *const *names = override != NULL ? only : library_names;
    void *library = NULL;
    const char *tried = names[0];
    char reason[512] = "";
    for (const char *const *name = names; *name != NULL && library == NULL; name++) {
        library = dlopen(*name, RTLD_NOW | RTLD_LOCAL);
        if (library == NULL && reason[0] == '\0') {
            // The first name's failure is the telling one (the later names are fallbacks).
            const char *error = dlerror();
            snprintf(reason, sizeof reason, "%s", error != NULL ? error : "not found");
            tried = *name;
        }
    }
    if (library == NULL) {
        snprintf(unavailable, sizeof unavailable, "libcurl could not be loaded (%s); %s", reason, install_hint);
        return;
    }
    const char *missing = NULL;
    *(void **)&api.global_init = resolve(library, "curl_global_init", &missing);
    *(void **)&api.easy_init = resolve(library, "curl_easy_init", &missing);
    *(void **)&api.easy_cleanup = resolve(library, "curl_easy_cleanup", &missing);
    *(void **)&api.easy_perform = resolve(library, "curl_easy_perform", &missing);
    *(void **)&api.easy_strerror = resolve(library, "curl_easy_strerror", &missing);
    *(void **)&api.easy_setopt = resolve(library, "curl_easy_setopt", &missing);
    *(void **)&api.easy_getinfo = resolve(library, "curl_easy_getinfo", &missing);
    *(void **)&api.free_ = resolve(library, "curl_free", &missing);
    *(void **)&api.slist_append = resolve(library, "curl_slist_append", &missing);
    *(void **)&api.slist_free_all = resolve(library, "curl_slist_free_all", &missing);
    *(void **)&api.url = resolve(library, "curl_url", &missing);
    *(void **)&api.url_cleanup = resolve(library, "curl_url_cleanup", &missing);
    *(void **)&api.url_get = resolve(library, "curl_url_get", &missing);
    *(void **)&api.url_set = resolve(library, "curl_url_set", &missing);
    if (missing != NULL) {
        memset(&api, 0, sizeof api);
        dlclose(library);
        snprintf(unavailable, sizeof unavailable,
                 "libcurl could not be loaded (%s has no %s; Laurel needs libcurl 7.85 or newer); %s",
                 override != NULL ? override : tried, missing, install_hint);
        return;
    }
    loaded = 1;
}

int laurel_curl_available(void) {
    pthread_once(&load_once, load);
    return loaded;
}

const char *laurel_curl_unavailable_reason(void) {
    return laurel_curl_available() ? NULL : unavailable;
}

CURLcode laurel_curl_global_init(long flags) {
    return laurel_curl_available() ? api.global_init(flags) : CURLE_FAILED_INIT;
}

CURL *laurel_curl_easy_init(void) {
    return laurel_curl_available() ? api.easy_init() : NULL;
}

void laurel_curl_easy_cleanup(CURL *handle) {
    if (handle != NULL && laurel_curl_available()) api.easy_cleanup(handle);
}

CURLcode laurel_curl_easy_perform(CURL *handle) {
    return laurel_curl_available() ? api.easy_perform(handle) : CURLE_FAILED_INIT;
}

const char *laurel_curl_easy_strerror(CURLcode code) {
    return laurel_curl_available() ? api.easy_strerror(code) : "libcurl could not be loaded";
}

void laurel_curl_free(void *pointer) {
    if (pointer != NULL && laurel_curl_available()) api.free_(pointer);
}

struct curl_slist *laurel_curl_slist_append(struct curl_slist *list, const char *text) {
    return laurel_curl_available() ? api.slist_append(list, text) : NULL;
}

void laurel_curl_slist_free_all(struct curl_slist *list) {
    if (list != NULL && laurel_curl_available()) api.slist_free_all(list);
}

CURLU *laurel_curl_url(void) {
    return laurel_curl_available() ? api.url() : NULL;
}

void laurel_curl_url_cleanup(CURLU *handle) {
    if (handle != NULL && laurel_curl_available()) api.url_cleanup(handle);
}

CURLUcode laurel_curl_url_get(const CURLU *handle, CURLUPart what, char **part, unsigned int flags) {
    // libcurl reads the handle only; older headers declare the parameter without const.
    return laurel_curl_available() ? api.url_get((CURLU *)handle, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

CURLUcode laurel_curl_url_set(CURLU *handle, CURLUPart what, const char *part, unsigned int flags) {
    return laurel_curl_available() ? api.url_set(handle, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

CURLcode laurel_curl_set_long(CURL *handle, CURLoption option, long value) {
    return laurel_curl_available() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode laurel_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return laurel_curl_available() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode laurel_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return laurel_curl_available() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode laurel_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return laurel_curl_available() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode laurel_curl_set_write_function(CURL *handle, curl_write_callback function) {
    return laurel_curl_available() ? api.easy_setopt(handle, CURLOPT_WRITEFUNCTION, function) : CURLE_FAILED_INIT;
}

CURLcode laurel_curl_set_read_function(CURL *handle, curl_read_callback function) {
    return laurel_curl_available() ? api.easy_setopt(handle, CURLOPT_READFUNCTION, function) : CURLE_FAILED_INIT;
}

CURLcode laurel_curl_set_open_socket_function(CURL *handle, curl_opensocket_callback function) {
    return laurel_curl_available() ? api.easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, function)
                                   : CURLE_FAILED_INIT;
}

CURLcode laurel_curl_get_long(CURL *handle, CURLINFO info, long *value) {
    if (!laurel_curl_available()) {
        *value = 0;
        return CURLE_FAILED_INIT;
    }
    return api.easy_getinfo(handle, info, value);
}

CURLcode laurel_curl_get_string(CURL *handle, CURLINFO info, const char **value) {
    char *text = NULL;
    CURLcode code = laurel_curl_available() ? api.easy_getinfo(handle, info, &text) : CURLE_FAILED_INIT;
    *value = text;
    return code;
}

size_t laurel_curl_socket_address(const struct curl_sockaddr *address, unsigned char *bytes, unsigned *port) {
    // The sockaddr libcurl passes is as long as addrlen says, which for IPv6 is longer than the struct sockaddr
    // the declaration names; it is read through the family's own structure, after checking the length.
    const void *raw = &address->addr;
    if (address->family == AF_INET && address->addrlen >= sizeof(struct sockaddr_in)) {
        struct sockaddr_in ipv4;
        memcpy(&ipv4, raw, sizeof ipv4);
        memcpy(bytes, &ipv4.sin_addr, 4);
        *port = ntohs(ipv4.sin_port);
        return 4;
    }
    if (address->family == AF_INET6 && address->addrlen >= sizeof(struct sockaddr_in6)) {
        struct sockaddr_in6 ipv6;
        memcpy(&ipv6, raw, sizeof ipv6);
        memcpy(bytes, &ipv6.sin6_addr, 16);
        *port = ntohs(ipv6.sin6_port);
        return 16;
    }
    return 0;
}
