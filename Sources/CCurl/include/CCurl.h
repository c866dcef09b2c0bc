#ifndef LAUREL_CCURL_H
#define LAUREL_CCURL_H

// Typed entry points to libcurl's easy interface for Swift, which cannot call C's variadic functions
// (curl_easy_setopt, curl_easy_getinfo) directly. Each function passes its argument with the one type that the
// option or the information item expects, and returns libcurl's result code unchanged.

#include <curl/curl.h>
#include <stddef.h>

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
