// The options are passed with their exact types, so the compile-time option checks add nothing here.
#define CURL_DISABLE_TYPECHECK
#include "CCurl.h"

#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

CURLcode laurel_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode laurel_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode laurel_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode laurel_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode laurel_curl_set_write_function(CURL *handle, curl_write_callback function) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, function);
}

CURLcode laurel_curl_set_read_function(CURL *handle, curl_read_callback function) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, function);
}

CURLcode laurel_curl_set_open_socket_function(CURL *handle, curl_opensocket_callback function) {
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, function);
}

CURLcode laurel_curl_get_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode laurel_curl_get_string(CURL *handle, CURLINFO info, const char **value) {
    char *text = NULL;
    CURLcode code = curl_easy_getinfo(handle, info, &text);
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
