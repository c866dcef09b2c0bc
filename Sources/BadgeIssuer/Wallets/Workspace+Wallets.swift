internal import BadgeStore
public import LinkedData
internal import BadgeCrypto
internal import BadgeProofs
internal import OpenBadges

/// An access token handed to a wallet at the Token Endpoint.
public struct WalletAccessToken: Sendable {
    public var token: String
    /// Seconds it works for.
    public var expiresIn: Int
}

/// A credential issued to a wallet's DID for an offer.
public struct HolderCredential: Sendable {
    public var issued: IssuedCredential
    public var format: WalletCredentialFormat
    /// The DID the credential is bound to (its `credentialSubject.id`).
    public var holderDID: String

    /// The value of `credential` in the Credential Response: the JSON object for `ldp_vc`, the JWT for
    /// `jwt_vc_json`.
    public var responseValue: JSONValue {
        let text = String(decoding: issued.signed.bytes, as: UTF8.self)
        switch format {
        case .ldpVC:
            return (try? JSONValue(parsing: issued.signed.bytes)) ?? .string(text)
        case .jwtVCJSON:
            return .string(String(text.filter { !$0.isWhitespace }))
        }
    }
}

// MARK: - Token and Nonce Endpoints

extension Workspace {
    /// The Token Endpoint's work for the pre-authorized code flow: exchanges the code (and the transaction code,
    /// when the offer has one) for an access token, once. Refusals carry the codes of §6.3: `invalid_request` for
    /// a missing code or a transaction code missing or not expected, `invalid_grant` for an unknown, used or
    /// expired code or a wrong transaction code.
    public func redeemPreAuthorizedCode(
        _ code: String?, txCode: String?, now: Double
    ) throws(WalletError) -> WalletAccessToken {
        guard let code, !code.isEmpty else {
            throw WalletError(.invalidRequest, "the request has no pre-authorized_code")
        }
        let token = Self.randomToken()
        let lifetime = WalletEndpoints.accessTokenLifetime
        let record = OfferAccessTokenRecord(
            tokenHash: Self.digest(token), offerId: "", createdAt: Self.timestamp(now),
            expiresAt: Self.timestamp(now + lifetime))
        let outcome: OfferRedemption
        do {
            outcome = try ledger.redeemPreAuthorizedCode(
                codeHash: Self.digest(code), txCodeHash: txCode.map(Self.digest), token: record,
                now: Self.timestamp(now))
        } catch {
            throw WalletError(.serverError, "the ledger could not be read")
        }
        switch outcome {
        case .redeemed:
            return WalletAccessToken(token: token, expiresIn: Int(lifetime))
        case .unknownCode:
            throw WalletError(.invalidGrant, "the pre-authorized code is not known")
        case .alreadyRedeemed:
            throw WalletError(.invalidGrant, "the pre-authorized code was used already; ask for a new offer")
        case .expired:
            throw WalletError(.invalidGrant, "the offer has expired; ask for a new offer")
        case .transactionCodeMissing:
            throw WalletError(.invalidRequest, "this offer needs the tx_code that was sent to you")
        case .transactionCodeUnexpected:
            throw WalletError(.invalidRequest, "this offer has no transaction code; send none")
        case .transactionCodeWrong:
            throw WalletError(.invalidGrant, "the transaction code is wrong")
        case .tooManyAttempts:
            throw WalletError(.invalidGrant, "too many wrong transaction codes; ask for a new offer")
        }
    }

    /// The Nonce Endpoint's work: a fresh, unpredictable `c_nonce` that works once, for a few minutes.
    public func makeWalletNonce(now: Double) throws(WalletError) -> String {
        let nonce = Self.randomToken()
        do {
            try ledger.deleteExpiredOfferNonces(now: Self.timestamp(now))
            try ledger.addOfferNonce(OfferNonceRecord(
                nonceHash: Self.digest(nonce), createdAt: Self.timestamp(now),
                expiresAt: Self.timestamp(now + WalletEndpoints.nonceLifetime)))
        } catch {
            throw WalletError(.serverError, "the nonce could not be stored")
        }
        return nonce
    }
}

// MARK: - Credential Endpoint

extension Workspace {
    /// The Credential Endpoint's work: checks the access token (`invalid_token` when missing, unknown or expired),
    /// the request (`credential_configuration_id` of one of the two configurations; one `jwt` key proof), then the
    /// key proof (see `verifyKeyProof`), and issues a new credential bound to the proof's DID. An offer issues
    /// once: a second request is refused with `credential_request_denied`. Returns the Credential Response.
    public func answerCredentialRequest(
        accessToken: String?, body: JSONValue?, issuerURL: String, now: Double
    ) throws(WalletError) -> JSONObject {
        guard let accessToken, !accessToken.isEmpty else {
            throw WalletError(.invalidToken, "the request has no access token (Authorization: Bearer ...)")
        }
        let tokenHash = Self.digest(accessToken)
        let found: (token: OfferAccessTokenRecord, offer: CredentialOfferRecord)?
        do {
            found = try ledger.offerAccessToken(tokenHash: tokenHash, now: Self.timestamp(now))
        } catch {
            throw WalletError(.serverError, "the ledger could not be read")
        }
        guard let (token, offer) = found else {
            throw WalletError(.invalidToken, "the access token is not known or has expired")
        }
        guard let request = body?.objectValue else {
            throw WalletError(.invalidCredentialRequest, "the request body is not a JSON object")
        }
        if request["credential_identifier"] != nil {
            throw WalletError(
                .unknownCredentialIdentifier,
                "this issuer gives no credential identifiers; use credential_configuration_id")
        }
        guard let configurationID = request["credential_configuration_id"]?.stringValue else {
            throw WalletError(.invalidCredentialRequest, "the request has no credential_configuration_id")
        }
        guard let format = WalletCredentialFormat(configurationID: configurationID) else {
            throw WalletError(
                .unknownCredentialConfiguration,
                "'\(configurationID.prefix(80))' is not a credential configuration of this issuer")
        }
        if token.usedAt != nil || (try? ledger.offerIssuance(offerId: offer.id)) != nil {
            throw WalletError(
                .credentialRequestDenied, "the credential of this offer was issued already; ask for a new offer")
        }
        guard request["proof"] == nil else {
            throw WalletError(.invalidCredentialRequest, "send the key proof in 'proofs', not 'proof'")
        }
        guard let proofs = request["proofs"]?.objectValue else {
            throw WalletError(.invalidProof, "the request has no proofs")
        }
        guard proofs.count == 1, let jwts = proofs["jwt"]?.arrayValue else {
            throw WalletError(.invalidProof, "the proofs must be of the one type this issuer takes: jwt")
        }
        guard jwts.count == 1, let jwt = jwts[0].stringValue else {
            throw WalletError(.invalidProof, "send exactly one jwt key proof (this issuer issues one credential)")
        }
        let holderDID = try verifyKeyProof(jwt, audience: Self.trimmedIssuerURL(issuerURL), now: now)
        let claimed: Bool
        do {
            claimed = try ledger.useOfferAccessToken(tokenHash: tokenHash, now: Self.timestamp(now))
        } catch {
            throw WalletError(.serverError, "the ledger could not be written")
        }
        guard claimed else {
            throw WalletError(
                .credentialRequestDenied, "the credential of this offer was issued already; ask for a new offer")
        }
        let credential: HolderCredential
        do {
            credential = try issueToHolder(offer: offer.id, holderDID: holderDID, format: format, now: now)
        } catch {
            try? ledger.releaseOfferAccessToken(tokenHash: tokenHash)
            throw error
        }
        return JSONObject(["credentials": [.object(JSONObject(["credential": credential.responseValue]))]])
    }

    /// Checks a `jwt` key proof (appendix F.1) and returns the DID to bind the credential to. The JOSE header
    /// must have `typ` `openid4vci-proof+jwt`, `alg` `EdDSA`, and either `kid` (a did:key DID URL) or `jwk` (an
    /// Ed25519 public key, bound as its did:key); the signature must hold under that key; `aud` must be the
    /// issuer URL; `iat` within five minutes of `now`; and `nonce` a `c_nonce` from the Nonce Endpoint, unused and
    /// unexpired (it is used up here). Refusals are `invalid_proof`, or `invalid_nonce` for the nonce.
    public func verifyKeyProof(_ jwt: String, audience: String, now: Double) throws(WalletError) -> String {
        let jws: CompactJWS
        do {
            jws = try CompactJWS(parsing: jwt)
        } catch {
            throw WalletError(.invalidProof, "the key proof is not a compact JWS: \(error.reason)")
        }
        guard jws.header["typ"]?.stringValue == WalletEndpoints.proofType else {
            throw WalletError(.invalidProof, "the key proof's typ must be \(WalletEndpoints.proofType)")
        }
        guard jws.algorithm == "EdDSA" else {
            throw WalletError(.invalidProof, "the key proof's alg must be EdDSA, not '\(jws.algorithm.prefix(20))'")
        }
        let references = ["kid", "jwk", "x5c"].filter { jws.header[$0] != nil }
        guard references.count == 1 else {
            throw WalletError(.invalidProof, "the key proof's header must name its key by exactly one of kid or jwk")
        }
        let key: Ed25519PublicKey
        let holderDID: String
        switch references[0] {
        case "kid":
            guard let kid = jws.keyID, kid.hasPrefix(DIDKey.prefix) else {
                throw WalletError(.invalidProof, "the key proof's kid must be a did:key DID URL")
            }
            do {
                key = try DIDKey.publicKey(from: kid)
            } catch {
                throw WalletError(.invalidProof, "the key proof's kid is not a usable did:key: \(error.reason)")
            }
            holderDID = String(kid.prefix { $0 != "#" })
        case "jwk":
            guard let object = jws.header["jwk"]?.objectValue, object["d"] == nil else {
                throw WalletError(.invalidProof, "the key proof's jwk must be a public key")
            }
            do {
                key = try Ed25519PublicKey(jwk: try JWK(json: object.jsonBytes()))
            } catch {
                throw WalletError(.invalidProof, "the key proof's jwk is not an Ed25519 public key: \(error.reason)")
            }
            holderDID = DIDKey.did(for: key)
        default:
            throw WalletError(.invalidProof, "x5c key proofs are not supported; use kid (did:key) or jwk")
        }
        guard key.isValidSignature(jws.signature, for: jws.signingInput) else {
            throw WalletError(.invalidProof, "the key proof's signature does not verify with its key")
        }
        let claims: JSONObject
        do {
            claims = try jws.payloadObject()
        } catch {
            throw WalletError(.invalidProof, "the key proof's payload is not a JSON object")
        }
        let audiences: [String] =
            switch claims["aud"] {
            case .string(let value)?: [value]
            case .array(let values)?: values.compactMap(\.stringValue)
            default: []
            }
        guard audiences.contains(audience) else {
            throw WalletError(.invalidProof, "the key proof's aud must be the credential issuer \(audience)")
        }
        guard let iat = claims["iat"]?.numberValue?.doubleValue else {
            throw WalletError(.invalidProof, "the key proof has no iat")
        }
        guard abs(iat - now) <= WalletEndpoints.proofAge else {
            throw WalletError(.invalidProof, "the key proof's iat is more than five minutes from the issuer's clock")
        }
        guard let nonce = claims["nonce"]?.stringValue, !nonce.isEmpty else {
            throw WalletError(.invalidProof, "the key proof has no nonce; get a c_nonce from the Nonce Endpoint")
        }
        let use: NonceUse
        do {
            use = try ledger.useOfferNonce(nonceHash: Self.digest(nonce), now: Self.timestamp(now))
        } catch {
            throw WalletError(.serverError, "the ledger could not be written")
        }
        switch use {
        case .accepted: return holderDID
        case .unknown: throw WalletError(.invalidNonce, "the nonce is not one this issuer gave; get a fresh c_nonce")
        case .expired: throw WalletError(.invalidNonce, "the nonce has expired; get a fresh c_nonce")
        case .alreadyUsed: throw WalletError(.invalidNonce, "the nonce was used already; get a fresh c_nonce")
        }
    }
}

// MARK: - Issuing to the holder

extension Workspace {
    /// Issues the credential of an offer to a wallet: a new Open Badges 3.0 credential for the same achievement,
    /// results, evidence, narrative and credits as the award, with `credentialSubject.id` the wallet's DID and the
    /// award's hashed email identity (same salt) kept in `identifier`. It has its own id and status entry, is signed
    /// with eddsa-rdfc-2022 (`ldp_vc`) or as a VC-JWT (`jwt_vc_json`), written to the credentials folder and recorded
    /// in the ledger like any issuance, and the offer is marked as having issued it (an offer issues once).
    public func issueToHolder(
        offer offerID: String, holderDID: String, format: WalletCredentialFormat, now: Double
    ) throws(WalletError) -> HolderCredential {
        guard Recipient.isDID(holderDID) else {
            throw WalletError(.invalidProof, "'\(holderDID.prefix(80))' is not a DID")
        }
        let found: CredentialOfferRecord?
        let issuedBefore: OfferIssuanceRecord?
        var award: AwardRecord?
        var awarded: CredentialRecord?
        do throws(LedgerError) {
            found = try ledger.credentialOffer(id: offerID)
            issuedBefore = try ledger.offerIssuance(offerId: offerID)
            if let found {
                award = try ledger.awards(learner: found.learner).first { $0.credentialId == found.awardCredentialId }
                awarded = try ledger.credential(id: found.awardCredentialId)
            }
        } catch {
            throw WalletError(.serverError, "the ledger could not be read")
        }
        guard let offer = found else { throw WalletError(.credentialRequestDenied, "there is no offer \(offerID)") }
        guard issuedBefore == nil else {
            throw WalletError(.credentialRequestDenied, "the credential of this offer was issued already")
        }
        guard let award, let awarded else {
            throw WalletError(.credentialRequestDenied, "the award of this offer is not in the ledger")
        }
        if awarded.isRevoked || awarded.isSuspended {
            throw WalletError(.credentialRequestDenied, "the badge of this offer is revoked or suspended")
        }
        var request: IssueRequest
        do throws(LearningError) {
            request = try awardIssueRequest(award)
        } catch {
            throw WalletError(.serverError, "the award could not be read: \(error.reason)")
        }
        request.subjectID = holderDID
        request.salt = Self.emailSalt(of: awarded)
        request.format = format.proofFormat
        let issued: IssuedCredential
        do {
            issued = try issue(request, outputPath: nil, now: Self.timestamp(now), rowKey: "wallet:offer:" + offer.id)
            try ledger.recordOfferIssuance(OfferIssuanceRecord(
                offerId: offer.id, credentialId: issued.credentialID, holder: holderDID, format: format.rawValue,
                issuedAt: Self.timestamp(now)))
            _ = try ledger.record(EventRecord(
                at: Self.timestamp(now), kind: "wallet-issue", subject: issued.credentialID,
                detail: "offer \(offer.id) of \(award.credentialId) to \(holderDID) as \(format.rawValue)"))
        } catch let error as IssuerError {
            throw WalletError(.serverError, "the credential could not be issued: \(error.reason)")
        } catch let error as LedgerError {
            throw WalletError(.serverError, "the issue could not be recorded: \(error.reason)")
        } catch {
            throw WalletError(.serverError, "the credential could not be issued")
        }
        return HolderCredential(issued: issued, format: format, holderDID: holderDID)
    }

    /// The issue request an award was made from: for a submission, its results, evidence and public narrative
    /// (with the achievement's credits); for a program, the program's achievement with the component badges as
    /// evidence.
    func awardIssueRequest(_ award: AwardRecord) throws(LearningError) -> IssueRequest {
        if let submissionId = award.submissionId {
            let details = try submissionDetails(submissionId)
            var (request, _) = try awardRequest(details)
            request.creditsEarned = details.achievement.creditsAvailable
            return request
        }
        guard let programId = award.programId else {
            throw LearningError(.invalidInput, "the award \(award.credentialId) names no submission or program")
        }
        let programs: [StoredProgram]
        let awards: [AwardRecord]
        do {
            programs = try ledger.programs()
            awards = try ledger.awards(learner: award.learner)
        } catch {
            throw LearningError(error)
        }
        guard let program = programs.first(where: { $0.program.id == programId }) else {
            throw LearningError(.unknownProgram, "there is no program \(programId)")
        }
        let recipient: Recipient
        do {
            recipient = try Recipient(award.learner)
        } catch {
            throw LearningError(error)
        }
        let components = program.achievementIds.compactMap { id in
            awards.first { $0.submissionId != nil && $0.achievementId == id && $0.awardedAt <= award.awardedAt }
        }
        let capstone = try programAchievement(program)
        let evidence: [EvidenceInput] = components.map { component in
            let badge = (try? achievementDefinition(id: component.achievementId).name) ?? component.achievementId
            return .url(component.credentialId, name: "\(badge) badge")
        }
        let name = try? submissionDetails(components.first?.submissionId ?? "").submission.learnerName
        var request = IssueRequest(
            achievement: capstone, recipient: recipient, recipientName: name ?? nil, evidence: evidence,
            narrative: "Completed \(program.program.name): \(components.count) of "
                + "\(program.achievementIds.count) badges earned.")
        request.creditsEarned = capstone.creditsAvailable
        return request
    }

    /// The salt of the hashed email identity in a recorded credential's file, if it can be read.
    static func emailSalt(of record: CredentialRecord) -> String? {
        guard let document = storedDocument(of: record),
            let identifiers = document["credentialSubject"]?["identifier"]?.arrayValue
        else { return nil }
        for identity in identifiers {
            if identity["identityType"]?.stringValue == "emailAddress", let salt = identity["salt"]?.stringValue {
                return salt
            }
        }
        return nil
    }
}
