import BadgeCrypto
import BadgeIssuer
import BadgeServer
import BadgeStore
import BadgeVerifier
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkedData
import NIOCore
import Synchronization
import Testing

/// A learner with an awarded Community Project badge, made through the workspace as the CLI would.
struct AwardedLearner {
    static let email = "lea@example.org"
    static let issuer = "http://badges.test"
    let credentialID: String

    init(_ world: WebWorld) throws {
        let now = WebWorld.text(world.clock.withLock { $0 })
        _ = try world.workspace.ledger.upsertAccount(email: Self.email, name: "Léa Learner", role: .learner, now: now)
        let definition = try world.workspace.achievementDefinition(reference: world.stem)
        let submission = try world.workspace.submit(
            SubmissionInput(
                achievement: definition, learner: Self.email, learnerName: "Léa Learner",
                evidence: [("impact", "https://photos.example.org/day")],
                narratives: [("plan", "Roles, dates and a budget.")]),
            now: now)
        _ = try world.workspace.review(
            ReviewInput(
                submissionId: submission.id, reviewer: "ines@riverside.example",
                levels: [("plan", "proficient"), ("impact", "proficient")],
                publicNarrative: "Léa ran the street clean-up."),
            now: now)
        credentialID = try world.workspace.award(submission.id, outputPath: nil, now: now).credential.credentialID
    }

    func offer(_ world: WebWorld, lifetime: Double = 600, txCode: Bool = false) throws -> CredentialOffer {
        try world.workspace.makeCredentialOffer(
            forAward: credentialID, learner: Self.email, issuerURL: Self.issuer, lifetime: lifetime,
            now: world.clock.withLock { $0 }, txCode: txCode)
    }
}

/// A wallet in miniature: its own Ed25519 did:key; reads an offer URI, the issuer's metadata, and takes the
/// credential through the token, nonce and credential endpoints.
struct ScriptedWallet {
    let client: any TestClientProtocol
    let key: Ed25519PrivateKey
    var did: String { DIDKey.did(for: key.publicKey) }
    var kid: String { DIDKey.verificationMethod(for: key.publicKey) }

    init(_ client: any TestClientProtocol) throws {
        self.client = client
        key = try Ed25519PrivateKey()
    }

    static let grant = "urn:ietf:params:oauth:grant-type:pre-authorized_code"

    struct Answer {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var json: JSONObject
        var error: String? { json["error"]?.stringValue }
    }

    /// The offer object inside an `openid-credential-offer://?credential_offer=…` URI.
    static func readOffer(_ uri: String) throws -> JSONObject {
        let prefix = "openid-credential-offer://?credential_offer="
        #expect(uri.hasPrefix(prefix))
        let encoded = String(uri.dropFirst(prefix.count))
        let text = try #require(encoded.removingPercentEncoding)
        return try #require(try JSONValue(parsing: Array(text.utf8)).objectValue)
    }

    /// An absolute URL of the issuer as the path the router answers.
    static func path(_ url: String) -> String {
        url.hasPrefix(AwardedLearner.issuer) ? String(url.dropFirst(AwardedLearner.issuer.count)) : url
    }

    func get(_ url: String) async throws -> Answer {
        let response = try await client.execute(uri: Self.path(url), method: .get, headers: [:], body: nil)
        return try Self.answer(response)
    }

    func post(_ url: String, form: [(String, String)]) async throws -> Answer {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = form.map { WebSession.encode($0.0) + "=" + WebSession.encode($0.1) }.joined(separator: "&")
        let response = try await client.execute(
            uri: Self.path(url), method: .post, headers: headers, body: ByteBuffer(string: body))
        return try Self.answer(response)
    }

    func post(_ url: String, json: JSONObject?, token: String?) async throws -> Answer {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let token { headers[.authorization] = "Bearer " + token }
        let body = json.map { ByteBuffer(bytes: $0.jsonBytes()) }
        let response = try await client.execute(uri: Self.path(url), method: .post, headers: headers, body: body)
        return try Self.answer(response)
    }

    static func answer(_ response: TestResponse) throws -> Answer {
        let value = try JSONValue(parsing: Array(String(buffer: response.body).utf8))
        return Answer(status: response.status, headers: response.headers, json: try #require(value.objectValue))
    }

    /// A `jwt` key proof over `nonce` for `audience`, signed by this wallet's key, named by `kid` (or `jwk`).
    func proof(
        audience: String, nonce: String?, iat: Double, useJWK: Bool = false, typ: String = "openid4vci-proof+jwt"
    ) throws -> String {
        var header = JSONObject()
        header["typ"] = .string(typ)
        header["alg"] = "EdDSA"
        if useJWK {
            header["jwk"] = .object(JSONObject([
                "kty": "OKP", "crv": "Ed25519", "x": .string(Base64URL.encode(key.publicKey.rawRepresentation)),
            ]))
        } else {
            header["kid"] = .string(kid)
        }
        var claims = JSONObject()
        claims["aud"] = .string(audience)
        claims["iat"] = .number(JSONNumber(Int(iat)))
        if let nonce { claims["nonce"] = .string(nonce) }
        let input = Base64URL.encode(header.jsonBytes()) + "." + Base64URL.encode(claims.jsonBytes())
        return input + "." + Base64URL.encode(try key.signature(for: Array(input.utf8)))
    }

    /// The issuer's endpoints, read from both metadata documents.
    struct Endpoints {
        var issuer: String
        var token: String
        var nonce: String
        var credential: String
        var configurations: JSONObject
    }

    func discover(_ offer: JSONObject) async throws -> Endpoints {
        let issuer = try #require(offer["credential_issuer"]?.stringValue)
        let metadata = try await get(issuer + "/.well-known/openid-credential-issuer")
        #expect(metadata.status == .ok)
        #expect(metadata.json["credential_issuer"]?.stringValue == issuer)
        let server = try await get(issuer + "/.well-known/oauth-authorization-server")
        #expect(server.status == .ok)
        #expect(server.json["issuer"]?.stringValue == issuer)
        #expect(server.json["grant_types_supported"]?.arrayValue?.contains(
            "urn:ietf:params:oauth:grant-type:pre-authorized_code") == true)
        return Endpoints(
            issuer: issuer, token: try #require(server.json["token_endpoint"]?.stringValue),
            nonce: try #require(metadata.json["nonce_endpoint"]?.stringValue),
            credential: try #require(metadata.json["credential_endpoint"]?.stringValue),
            configurations: try #require(metadata.json["credential_configurations_supported"]?.objectValue))
    }

    func redeem(_ offer: JSONObject, at endpoints: Endpoints, txCode: String? = nil) async throws -> Answer {
        let grant = offer["grants"]?["urn:ietf:params:oauth:grant-type:pre-authorized_code"]
        let code = try #require(grant?["pre-authorized_code"]?.stringValue)
        var form = [("grant_type", Self.grant), ("pre-authorized_code", code)]
        if let txCode { form.append(("tx_code", txCode)) }
        return try await post(endpoints.token, form: form)
    }

    func nonce(_ endpoints: Endpoints) async throws -> String {
        let answer = try await post(endpoints.nonce, json: nil, token: nil)
        #expect(answer.status == .ok)
        #expect(answer.headers[.cacheControl]?.contains("no-store") == true)
        return try #require(answer.json["c_nonce"]?.stringValue)
    }

    func request(
        _ configuration: String, proof: String, at endpoints: Endpoints, token: String?
    ) async throws -> Answer {
        let body = JSONObject([
            "credential_configuration_id": .string(configuration),
            "proofs": .object(JSONObject(["jwt": [.string(proof)]])),
        ])
        return try await post(endpoints.credential, json: body, token: token)
    }
}

@Suite("Wallets: OpenID for Verifiable Credential Issuance, pre-authorized code flow (router)", .serialized)
struct WalletTests {
    static func now(_ world: WebWorld) -> Double { world.clock.withLock { $0 } }

    static func verify(_ credential: JSONValue, world: WebWorld, holder: String) throws -> VerificationReport {
        var resources: [String: [UInt8]] = [:]
        for item in try world.workspace.publishStatusLists(now: WebWorld.text(now(world))) {
            resources[item.url] = try FileIO.read(item.file)
        }
        let bytes: [UInt8] =
            switch credential {
            case .string(let jwt): Array(jwt.utf8)
            default: JSONSerializer(style: .pretty).serialize(credential)
            }
        let verifier = Verifier(options: VerificationOptions(
            at: now(world) + 60, resources: resources, recipientEmail: AwardedLearner.email, recipientID: holder))
        return verifier.verify(bytes: bytes, source: "wallet")
    }

    /// The credential's JSON: the object itself, or a VC-JWT's `vc` claim (or claims).
    static func document(_ credential: JSONValue) throws -> JSONObject {
        if let object = credential.objectValue { return object }
        let parts = try #require(credential.stringValue).split(separator: ".")
        let claims = try #require(try JSONValue(parsing: try Base64URL.decode(String(parts[1]))).objectValue)
        return claims["vc"]?.objectValue ?? claims
    }

    @Test("a wallet takes the badge in each format: offer, metadata, token, nonce, proof, a valid credential")
    func bothFormats() async throws {
        let world = try WebWorld("wallet-formats")
        let learner = try AwardedLearner(world)
        try await world.application().test(.router) { client in
            let configurations = ["OpenBadgeCredential_ldp_vc", "OpenBadgeCredential_jwt_vc_json"]
            for (index, configuration) in configurations.enumerated() {
                let wallet = try ScriptedWallet(client)
                let issued = try learner.offer(world, txCode: index == 1)
                let offer = try ScriptedWallet.readOffer(issued.uri)
                #expect(offer["credential_configuration_ids"]?.arrayValue?.contains(.string(configuration)) == true)
                let endpoints = try await wallet.discover(offer)
                let supported = try #require(endpoints.configurations[configuration]?.objectValue)
                #expect(supported["proof_types_supported"]?["jwt"]?["proof_signing_alg_values_supported"]?
                    .arrayValue == ["EdDSA"])
                let token = try await wallet.redeem(offer, at: endpoints, txCode: issued.txCode)
                #expect(token.status == .ok, "\(token.json)")
                #expect(token.json["token_type"]?.stringValue == "Bearer")
                #expect((token.json["expires_in"]?.numberValue?.intValue ?? 0) > 0)
                let accessToken = try #require(token.json["access_token"]?.stringValue)
                let nonce = try await wallet.nonce(endpoints)
                let proof = try wallet.proof(audience: endpoints.issuer, nonce: nonce, iat: Self.now(world))
                let answer = try await wallet.request(configuration, proof: proof, at: endpoints, token: accessToken)
                #expect(answer.status == .ok, "\(answer.json)")
                let credential = try #require(answer.json["credentials"]?.arrayValue?.first?["credential"])
                if index == 0 { #expect(credential.objectValue != nil) } else { #expect(credential.stringValue != nil) }
                let report = try Self.verify(credential, world: world, holder: wallet.did)
                #expect(report.verdict == .valid, "\(report.checks.filter { $0.outcome == .fail }.map(\.message))")
                let document = try Self.document(credential)
                let subject = try #require(document["credentialSubject"]?.objectValue)
                #expect(subject["id"]?.stringValue == wallet.did)
                let identity = try #require(subject["identifier"]?.arrayValue?.first)
                #expect(identity["identityType"]?.stringValue == "emailAddress")
                #expect(subject["result"]?.arrayValue?.count == 2)
                #expect(subject["narrative"]?.stringValue == "Léa ran the street clean-up.")
                let evidence = document["evidence"]?.arrayValue ?? []
                #expect(evidence.contains { $0["id"]?.stringValue == "https://photos.example.org/day" })
                let newID = try #require(document["id"]?.stringValue)
                #expect(newID != learner.credentialID)
                let record = try #require(try world.workspace.ledger.credential(id: newID))
                #expect(record.state == .issued && record.recipient == AwardedLearner.email)
                #expect(try world.workspace.ledger.offerIssuance(offerId: issued.id)?.holder == wallet.did)

                // The same offer issues once.
                let again = try await wallet.request(
                    configuration, proof: try wallet.proof(
                        audience: endpoints.issuer, nonce: try await wallet.nonce(endpoints), iat: Self.now(world)),
                    at: endpoints, token: accessToken)
                #expect(again.status == .badRequest && again.error == "credential_request_denied")
            }
        }
    }

    @Test("the award's hashed email identity is kept with the same salt; a jwk key proof binds its did:key")
    func identityAndJWK() async throws {
        let world = try WebWorld("wallet-jwk")
        let learner = try AwardedLearner(world)
        try await world.application().test(.router) { client in
            let wallet = try ScriptedWallet(client)
            let offer = try ScriptedWallet.readOffer(try learner.offer(world).uri)
            let endpoints = try await wallet.discover(offer)
            let token = try #require(try await wallet.redeem(offer, at: endpoints).json["access_token"]?.stringValue)
            let nonce = try await wallet.nonce(endpoints)
            let proof = try wallet.proof(audience: endpoints.issuer, nonce: nonce, iat: Self.now(world), useJWK: true)
            let answer = try await wallet.request(
                "OpenBadgeCredential_ldp_vc", proof: proof, at: endpoints, token: token)
            #expect(answer.status == .ok, "\(answer.json)")
            let document = try Self.document(try #require(answer.json["credentials"]?.arrayValue?.first?["credential"]))
            #expect(document["credentialSubject"]?["id"]?.stringValue == wallet.did)
            let award = try #require(try world.workspace.ledger.credential(id: learner.credentialID)?.outputPath)
            let original = try #require(try JSONValue(parsing: try FileIO.read(award)).objectValue)
            #expect(original["credentialSubject"]?["id"] == nil, "the award itself names only the email")
            #expect(document["credentialSubject"]?["identifier"] == original["credentialSubject"]?["identifier"])
        }
    }

    @Test("refusals: a replayed code, an expired offer, a wrong or missing tx_code, unsupported grant (token)")
    func tokenRefusals() async throws {
        let world = try WebWorld("wallet-token")
        let learner = try AwardedLearner(world)
        try await world.application().test(.router) { client in
            let wallet = try ScriptedWallet(client)
            let offer = try ScriptedWallet.readOffer(try learner.offer(world).uri)
            let endpoints = try await wallet.discover(offer)
            #expect(try await wallet.redeem(offer, at: endpoints).status == .ok)
            let replay = try await wallet.redeem(offer, at: endpoints)
            #expect(replay.status == .badRequest && replay.error == "invalid_grant")
            #expect(replay.headers[.cacheControl]?.contains("no-store") == true)

            let short = try ScriptedWallet.readOffer(try learner.offer(world, lifetime: 60).uri)
            world.advance(61)
            let expired = try await wallet.redeem(short, at: endpoints)
            #expect(expired.status == .badRequest && expired.error == "invalid_grant")

            let guarded = try learner.offer(world, txCode: true)
            let guardedOffer = try ScriptedWallet.readOffer(guarded.uri)
            #expect(guardedOffer["grants"]?["urn:ietf:params:oauth:grant-type:pre-authorized_code"]?["tx_code"] != nil)
            #expect(!guarded.uri.contains(try #require(guarded.txCode)), "the transaction code is not in the offer")
            let missing = try await wallet.redeem(guardedOffer, at: endpoints)
            #expect(missing.status == .badRequest && missing.error == "invalid_request")
            let wrongCode = guarded.txCode == "000000" ? "111111" : "000000"
            let wrong = try await wallet.redeem(guardedOffer, at: endpoints, txCode: wrongCode)
            #expect(wrong.status == .badRequest && wrong.error == "invalid_grant")
            #expect(try await wallet.redeem(guardedOffer, at: endpoints, txCode: guarded.txCode).status == .ok)

            let unknown = try await wallet.post(
                endpoints.token, form: [("grant_type", ScriptedWallet.grant), ("pre-authorized_code", "nope")])
            #expect(unknown.error == "invalid_grant")
            let grant = try await wallet.post(
                endpoints.token, form: [("grant_type", "authorization_code"), ("code", "x")])
            #expect(grant.status == .badRequest && grant.error == "unsupported_grant_type")
            let bare = try await wallet.post(endpoints.token, form: [("grant_type", ScriptedWallet.grant)])
            #expect(bare.status == .badRequest && bare.error == "invalid_request")
        }
    }

    @Test("refusals: missing or invalid token (401), wrong nonce, reused nonce, wrong audience, stale iat, wrong typ")
    func credentialRefusals() async throws {
        let world = try WebWorld("wallet-credential")
        let learner = try AwardedLearner(world)
        try await world.application().test(.router) { client in
            let wallet = try ScriptedWallet(client)
            let offer = try ScriptedWallet.readOffer(try learner.offer(world).uri)
            let endpoints = try await wallet.discover(offer)
            let token = try #require(try await wallet.redeem(offer, at: endpoints).json["access_token"]?.stringValue)
            let configuration = "OpenBadgeCredential_ldp_vc"
            let now = Self.now(world)
            let good = try wallet.proof(audience: endpoints.issuer, nonce: try await wallet.nonce(endpoints), iat: now)

            let noToken = try await wallet.request(configuration, proof: good, at: endpoints, token: nil)
            #expect(noToken.status == .unauthorized && noToken.error == "invalid_token")
            #expect(noToken.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let badToken = try await wallet.request(configuration, proof: good, at: endpoints, token: "forged")
            #expect(badToken.status == .unauthorized && badToken.error == "invalid_token")

            let wrongNonce = try wallet.proof(audience: endpoints.issuer, nonce: "made-up", iat: now)
            let nonceAnswer = try await wallet.request(configuration, proof: wrongNonce, at: endpoints, token: token)
            #expect(nonceAnswer.status == .badRequest && nonceAnswer.error == "invalid_nonce")
            let noNonce = try wallet.proof(audience: endpoints.issuer, nonce: nil, iat: now)
            let noNonceAnswer = try await wallet.request(configuration, proof: noNonce, at: endpoints, token: token)
            #expect(noNonceAnswer.error == "invalid_proof")
            let audience = try wallet.proof(
                audience: "https://elsewhere.example", nonce: try await wallet.nonce(endpoints), iat: now)
            let audienceAnswer = try await wallet.request(configuration, proof: audience, at: endpoints, token: token)
            #expect(audienceAnswer.status == .badRequest && audienceAnswer.error == "invalid_proof")
            let stale = try wallet.proof(
                audience: endpoints.issuer, nonce: try await wallet.nonce(endpoints), iat: now - 600)
            let staleAnswer = try await wallet.request(configuration, proof: stale, at: endpoints, token: token)
            #expect(staleAnswer.error == "invalid_proof")
            let typ = try wallet.proof(
                audience: endpoints.issuer, nonce: try await wallet.nonce(endpoints), iat: now, typ: "JWT")
            let typAnswer = try await wallet.request(configuration, proof: typ, at: endpoints, token: token)
            #expect(typAnswer.error == "invalid_proof")
            let other = try ScriptedWallet(client)
            var forged = try other.proof(audience: endpoints.issuer, nonce: try await wallet.nonce(endpoints), iat: now)
                .split(separator: ".").map(String.init)
            let ownHeader = try wallet.proof(audience: endpoints.issuer, nonce: nil, iat: now).split(separator: ".")[0]
            forged[0] = String(ownHeader)
            let forgedAnswer = try await wallet.request(
                configuration, proof: forged.joined(separator: "."), at: endpoints, token: token)
            #expect(forgedAnswer.error == "invalid_proof", "a signature by another key than the kid's")
            let unknown = try await wallet.request("OpenBadgeCredential_mdoc", proof: good, at: endpoints, token: token)
            #expect(unknown.status == .badRequest && unknown.error == "unknown_credential_configuration")

            // Refusals spent nothing: the good proof still works, and its nonce then does not work twice.
            let issued = try await wallet.request(configuration, proof: good, at: endpoints, token: token)
            #expect(issued.status == .ok, "\(issued.json)")
            let second = try await wallet.request(configuration, proof: good, at: endpoints, token: token)
            #expect(second.status == .badRequest && second.error == "credential_request_denied")

            let fresh = try ScriptedWallet.readOffer(try learner.offer(world).uri)
            let freshAnswer = try await wallet.redeem(fresh, at: endpoints)
            let freshToken = try #require(freshAnswer.json["access_token"]?.stringValue)
            let reused = try await wallet.request(configuration, proof: good, at: endpoints, token: freshToken)
            #expect(reused.status == .badRequest && reused.error == "invalid_nonce", "a used nonce")
            world.advance(11 * 60)
            let lateNonce = try await wallet.nonce(endpoints)
            let lateProof = try wallet.proof(audience: endpoints.issuer, nonce: lateNonce, iat: Self.now(world))
            let late = try await wallet.request(configuration, proof: lateProof, at: endpoints, token: freshToken)
            #expect(late.status == .unauthorized && late.error == "invalid_token", "an expired access token")
        }
    }

    @Test("an offer is made only for the learner's own, unrevoked award")
    func offerChecks() throws {
        let world = try WebWorld("wallet-offer")
        let learner = try AwardedLearner(world)
        #expect(throws: IssuerError.self) {
            try world.workspace.makeCredentialOffer(
                forAward: learner.credentialID, learner: "max@example.org", issuerURL: AwardedLearner.issuer,
                lifetime: 600, now: Self.now(world), txCode: false)
        }
        let offer = try learner.offer(world, txCode: true)
        #expect(offer.txCode?.count == 6 && offer.txCode?.allSatisfy(\.isNumber) == true)
        #expect(offer.json["credential_issuer"]?.stringValue == AwardedLearner.issuer)
        let stored = try #require(try world.workspace.ledger.credentialOffer(id: offer.id))
        #expect(stored.codeHash == Hex.encode(SHA256.hash(Array(offer.preAuthorizedCode.utf8))))
        #expect(stored.txCodeHash != nil && stored.txCodeHash != offer.txCode)
    }
}

@Suite("Wallets from the claim page: the offer's QR and link, the mailed code, and the wallet's presentation")
struct ClaimWalletTests {
    @Test("the claim page's wallet offer is taken by a scripted wallet; its presentation of the badge verifies")
    func fromClaimPage() async throws {
        let world = try WebWorld("claim-wallet")
        let learner = try AwardedLearner(world)
        try await world.application().test(.router) { client in
            var lea = WebSession(client)
            try await lea.signIn(AwardedLearner.email, world: world)
            let claim = try await lea.get("/learn/credentials/\(learner.credentialID)/claim")
            #expect(claim.status == .ok && claim.body.contains("id=\"wallet\""))
            let page = try await lea.get("/learn/credentials/\(learner.credentialID)/wallet")
            #expect(page.status == .ok && page.body.contains("<figure class=\"qr\" id=\"offer-qr\"><svg"))
            #expect(PageChecks.problems(page.body).isEmpty, "\(PageChecks.problems(page.body))")
            let hrefStart = try #require(page.body.range(of: "id=\"offer-link\" href=\""))
            let uri = String(page.body[hrefStart.upperBound...].prefix { $0 != "\"" })
                .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&#39;", with: "'")
            #expect(uri.hasPrefix("openid-credential-offer://?credential_offer="))
            let mail = try #require(world.lastMail(to: AwardedLearner.email))
            #expect(mail.subject.hasPrefix("Your wallet code: "))
            let code = String(mail.subject.dropFirst("Your wallet code: ".count))

            let wallet = try ScriptedWallet(client)
            let offer = try ScriptedWallet.readOffer(uri)
            let endpoints = try await wallet.discover(offer)
            #expect(try await wallet.redeem(offer, at: endpoints).status == .badRequest, "the mailed code is needed")
            let token = try await wallet.redeem(offer, at: endpoints, txCode: code)
            #expect(token.status == .ok, "\(token.json)")
            let accessToken = try #require(token.json["access_token"]?.stringValue)
            let proof = try wallet.proof(
                audience: endpoints.issuer, nonce: try await wallet.nonce(endpoints), iat: WalletTests.now(world))
            let answer = try await wallet.request("OpenBadgeCredential_ldp_vc", proof: proof, at: endpoints, token: accessToken)
            #expect(answer.status == .ok, "\(answer.json)")
            let credential = try #require(answer.json["credentials"]?.arrayValue?.first?["credential"])
            #expect(try WalletTests.verify(credential, world: world, holder: wallet.did).verdict == .valid)

            // The wallet presents it to an employer; the presentation verifies, naming the wallet as holder.
            let file = try CredentialFile(bytes: JSONSerializer().serialize(credential), source: "wallet")
            let presented = try PresentationBuilder.present(
                [file], holderKey: wallet.key,
                options: PresentationOptions(challenge: "1234", domain: "jobs.example.com", created: WebWorld.text(WalletTests.now(world))))
            var resources: [String: [UInt8]] = [:]
            for item in try world.workspace.publishStatusLists(now: WebWorld.text(WalletTests.now(world))) {
                resources[item.url] = try FileIO.read(item.file)
            }
            let verifier = Verifier(options: VerificationOptions(
                at: WalletTests.now(world) + 60, resources: resources, challenge: "1234", domain: "jobs.example.com"))
            let report = verifier.verify(bytes: presented.bytes, source: "presentation")
            #expect(report.verdict == .valid, "\(report.checks.filter { $0.outcome == .fail }.map(\.message))")
        }
    }
}
