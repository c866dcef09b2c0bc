public import BadgeIssuer
public import Hummingbird
import FormData
import HTTPTypes
import LinkedData
import NIOCore

/// The issuer's OpenID for Verifiable Credential Issuance 1.0 endpoints, for the pre-authorized code flow: the
/// Credential Issuer and Authorization Server metadata, the Token, Nonce and Credential Endpoints. A learner opens a
/// credential offer in a wallet; the wallet redeems the code for an access token, signs a key proof over a fresh
/// nonce, and receives a new credential bound to its DID. Every answer is JSON and never cached; refusals are
/// `{"error": code, "error_description": words}` with the status the specification gives.
public struct OpenID4VCIRoutes: Sendable {
    let workspace: Workspace
    let issuerURL: @Sendable () -> String
    let now: @Sendable () -> Double

    /// The largest request body read.
    static let maximumBodyBytes = 64 * 1024

    public init(
        workspace: Workspace, issuerURL: @escaping @Sendable () -> String, now: @escaping @Sendable () -> Double
    ) {
        self.workspace = workspace
        self.issuerURL = issuerURL
        self.now = now
    }

    public func register(on router: Router<BasicRequestContext>) {
        let routes = self
        router.get(RouterPath(WalletEndpoints.issuerMetadata)) { _, _ in
            Self.json(.object(routes.workspace.credentialIssuerMetadata(issuerURL: routes.issuerURL())))
        }
        router.get(RouterPath(WalletEndpoints.authorizationServerMetadata)) { _, _ in
            Self.json(.object(routes.workspace.authorizationServerMetadata(issuerURL: routes.issuerURL())))
        }
        router.post(RouterPath(WalletEndpoints.token)) { request, _ in
            await routes.token(request)
        }
        router.post(RouterPath(WalletEndpoints.nonce)) { _, _ in
            do throws(WalletError) {
                let nonce = try routes.workspace.makeWalletNonce(now: routes.now())
                return Self.json(.object(JSONObject(["c_nonce": .string(nonce)])))
            } catch {
                return Self.error(error)
            }
        }
        router.post(RouterPath(WalletEndpoints.credential)) { request, _ in
            await routes.credential(request)
        }
    }

    /// The Token Endpoint: a form-encoded request with the pre-authorized code grant.
    func token(_ request: Request) async -> Response {
        guard let body = await Self.body(request) else {
            return Self.error(WalletError(.invalidRequest, "the request body is too large or could not be read"))
        }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            return Self.error(WalletError(
                .invalidRequest, "send the token request as application/x-www-form-urlencoded"))
        }
        let form = MultipartForm.parseURLEncoded(body)
        guard let grantType = form["grant_type"], !grantType.isEmpty else {
            return Self.error(WalletError(.invalidRequest, "the request has no grant_type"))
        }
        guard grantType == WalletEndpoints.preAuthorizedGrant else {
            return Self.error(WalletError(
                .unsupportedGrantType, "this issuer takes only the grant \(WalletEndpoints.preAuthorizedGrant)"))
        }
        do throws(WalletError) {
            let token = try workspace.redeemPreAuthorizedCode(
                form["pre-authorized_code"], txCode: form["tx_code"], now: now())
            return Self.json(.object(JSONObject([
                "access_token": .string(token.token), "token_type": "Bearer",
                "expires_in": .number(JSONNumber(token.expiresIn)),
            ])))
        } catch {
            return Self.error(error)
        }
    }

    /// The Credential Endpoint: a JSON request with a Bearer access token.
    func credential(_ request: Request) async -> Response {
        let accessToken = Self.bearerToken(request.headers[.authorization])
        guard let body = await Self.body(request) else {
            return Self.error(WalletError(
                .invalidCredentialRequest, "the request body is too large or could not be read"))
        }
        let json = try? JSONValue(parsing: body)
        do throws(WalletError) {
            let answer = try workspace.answerCredentialRequest(
                accessToken: accessToken, body: json, issuerURL: issuerURL(), now: now())
            return Self.json(.object(answer))
        } catch {
            return Self.error(error)
        }
    }

    // MARK: Helpers

    /// The token of an `Authorization: Bearer …` header (the scheme compared without case), or nil.
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = String(parts[1].filter { $0 != " " && $0 != "\t" })
        return token.isEmpty ? nil : token
    }

    static func body(_ request: Request) async -> [UInt8]? {
        guard var buffer = try? await request.body.collect(upTo: maximumBodyBytes) else { return nil }
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Pages.text(
            JSONSerializer(style: .compact).serializeToString(value), contentType: "application/json", status: status)
    }

    static func error(_ error: WalletError) -> Response {
        var response = json(
            .object(JSONObject([
                "error": .string(error.code.rawValue), "error_description": .string(error.asciiReason),
            ])),
            status: HTTPResponse.Status(code: error.status))
        if error.code == .invalidToken {
            response.headers[.wwwAuthenticate] = "Bearer error=\"invalid_token\""
        }
        return response
    }
}
