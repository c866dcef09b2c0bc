import Foundation

/// What Laurel checks about PEM text (RFC 7468) before handing it to OpenSSL, so that mistakes get clear errors.
enum PEMText {
    /// Longest PEM text accepted; real key files are a few kilobytes.
    static let maximumLength = 1 << 16

    /// The label of the first `-----BEGIN <label>-----` line, e.g. "PRIVATE KEY" or "PUBLIC KEY".
    static func firstLabel(_ pem: String) throws(CryptoError) -> String {
        guard pem.utf8.count <= maximumLength else {
            throw CryptoError(
                .malformedPEM, "the PEM text is \(pem.utf8.count) bytes long; key files are at most \(maximumLength)")
        }
        guard let begin = pem.range(of: "-----BEGIN ") else {
            throw CryptoError(.malformedPEM, "the text is not PEM: it has no '-----BEGIN ...-----' line")
        }
        let afterBegin = pem[begin.upperBound...]
        guard let end = afterBegin.range(of: "-----") else {
            throw CryptoError(.malformedPEM, "the PEM '-----BEGIN' line is not closed with '-----'")
        }
        let label = String(afterBegin[..<end.lowerBound])
        guard !label.contains("\n") else {
            throw CryptoError(.malformedPEM, "the PEM '-----BEGIN' line is not closed with '-----'")
        }
        guard pem.contains("-----END \(label)-----") else {
            throw CryptoError(.malformedPEM, "the PEM text has no '-----END \(label)-----' line")
        }
        return label
    }

    /// Checks that `pem` holds an unencrypted private key.
    static func requirePrivateKey(_ pem: String) throws(CryptoError) {
        let label = try firstLabel(pem)
        switch label {
        case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
            return
        case "ENCRYPTED PRIVATE KEY":
            throw CryptoError(
                .unsupportedKeyType,
                "the PEM private key is encrypted; Laurel reads unencrypted PKCS#8 keys (decrypt it with "
                    + "'openssl pkey -in FILE -out PLAIN.pem' and keep the result at mode 0600)")
        case "PUBLIC KEY":
            throw CryptoError(.wrongKeyType, "the PEM text holds a public key, but a private key is required")
        default:
            throw CryptoError(.wrongKeyType, "the PEM text holds a '\(label)', but a private key is required")
        }
    }

    /// Checks that `pem` holds a SubjectPublicKeyInfo public key.
    static func requirePublicKey(_ pem: String) throws(CryptoError) {
        let label = try firstLabel(pem)
        switch label {
        case "PUBLIC KEY":
            return
        case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY":
            throw CryptoError(
                .wrongKeyType,
                "the PEM text holds a private key, but a public key ('-----BEGIN PUBLIC KEY-----') is required")
        default:
            throw CryptoError(
                .wrongKeyType,
                "the PEM text holds a '\(label)', but a public key ('-----BEGIN PUBLIC KEY-----') is required")
        }
    }
}
