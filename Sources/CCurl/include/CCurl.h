#ifndef LAUREL_CCURL_H
#define LAUREL_CCURL_H

// libcurl for Swift, loaded when it is first needed.
//
// Nothing links libcurl at build time: the header gives the types and constants, and the library
// (libcurl.so.4 on Linux, libcurl.4.dylib on macOS) is opened with dlopen() the first time one of these
// functions is called, so a command that never makes a request or sends a mail does not pay for loading libcurl
// and the twenty-odd libraries it depends on. Loading happens once per process, whichever thread gets there
// first. When the library cannot be loaded, every function fails the way libcurl itself reports failure (NULL,
// CURLE_FAILED_INIT, CURLUE_OUT_OF_MEMORY) and nothing crashes; `laurel_curl_unavailable_reason` then says why.
// The environment variable LAUREL_LIBCURL, when set, names the one library file to load instead (the tests use it
// to check what the commands say when libcurl is missing).
//
// The typed wrappers of the variadic functions (curl_easy_setopt, curl_easy_getinfo), which Swift cannot call
// directly, pass their argument with the one type that the option or the information item expects.

#include <curl/curl.h>
#include <stddef.h>

/// Loads libcurl if that has not been tried yet; returns 1 when it is loaded with every function Laurel uses,
/// else 0.
int laurel_curl_available(void);

/// When libcurl could not be loaded, a sentence saying so, with the loader's reason and how to install libcurl;
/// NULL when it is loaded. Loads it first if that has not been tried yet. The text stays valid for the process.
const char *laurel_curl_unavailable_reason(void);

// The functions of libcurl that Laurel calls, with libcurl's meaning and result codes.

/// curl_global_init; CURLE_FAILED_INIT when libcurl is not loaded.
CURLcode laurel_curl_global_init(long flags);
/// curl_easy_init; NULL when libcurl is not loaded.
CURL *laurel_curl_easy_init(void);
/// curl_easy_cleanup.
void laurel_curl_easy_cleanup(CURL *handle);
/// curl_easy_perform; CURLE_FAILED_INIT when libcurl is not loaded.
CURLcode laurel_curl_easy_perform(CURL *handle);
/// curl_easy_strerror; a fixed text when libcurl is not loaded.
const char *laurel_curl_easy_strerror(CURLcode code);
/// curl_free.
void laurel_curl_free(void *pointer);
/// curl_slist_append; NULL when libcurl is not loaded.
struct curl_slist *laurel_curl_slist_append(struct curl_slist *list, const char *text);
/// curl_slist_free_all.
void laurel_curl_slist_free_all(struct curl_slist *list);
/// curl_url; NULL when libcurl is not loaded.
CURLU *laurel_curl_url(void);
/// curl_url_cleanup.
void laurel_curl_url_cleanup(CURLU *handle);
/// curl_url_get; CURLUE_OUT_OF_MEMORY when libcurl is not loaded.
CURLUcode laurel_curl_url_get(const CURLU *handle, CURLUPart what, char **part, unsigned int flags);
/// curl_url_set; CURLUE_OUT_OF_MEMORY when libcurl is not loaded.
CURLUcode laurel_curl_url_set(CURLU *handle, CURLUPart what, const char *part, unsigned int flags);

/// Sets an option whose value is a long: a number, a flag, a size or a time.
CURLcode laurel_curl_set_long(CURL *handle, CURLoption option, long value);

/// Sets an option whose value is a NUL-terminated string; libcurl keeps its own copy.
CURLcode laurel_curl_set_string(CURL *handle, CURLoption option, const char *value);

/// Sets an option whose value is a string list (headers, CURLOPT_RESOLVE entries); the list must outlive the
/// transfer.
CURLcode laurel_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value);

/// Sets an option whose value is an opaque pointer: callback data, an error buffer, a parsed URL handle.
CURLcode laurel_curl_set_pointer(CURL *handle, CURLoption option, void *value);

/// Sets the function that receives the body's bytes (CURLOPT_WRITEFUNCTION).
CURLcode laurel_curl_set_write_function(CURL *handle, curl_write_callback function);

/// Sets the function that supplies the bytes to upload (CURLOPT_READFUNCTION), for example a mail message sent
/// over SMTP; its data pointer is set with CURLOPT_READDATA.
CURLcode laurel_curl_set_read_function(CURL *handle, curl_read_callback function);

/// Sets the function that opens each socket libcurl connects through (CURLOPT_OPENSOCKETFUNCTION).
CURLcode laurel_curl_set_open_socket_function(CURL *handle, curl_opensocket_callback function);

/// Reads an information item whose value is a long (for example CURLINFO_RESPONSE_CODE).
CURLcode laurel_curl_get_long(CURL *handle, CURLINFO info, long *value);

/// Reads an information item whose value is a string owned by the handle (for example CURLINFO_REDIRECT_URL);
/// the string stays valid until the handle is cleaned up or used again, and may be NULL.
CURLcode laurel_curl_get_string(CURL *handle, CURLINFO info, const char **value);

/// Copies the address a socket is about to be connected to into `bytes` (room for 16) and its port into `port`.
/// Returns the number of address bytes: 4 for IPv4, 16 for IPv6, 0 for any other family or a short length.
size_t laurel_curl_socket_address(const struct curl_sockaddr *address, unsigned char *bytes, unsigned *port);

#endif
