import BadgeProofs
import BadgeStore
import LinkedData
import OpenBadges

/// Revocation, suspension and the published W3C Bitstring Status Lists.
extension Workspace {
    /// The file a status list URL is published to: `status/<purpose>/<n>.json` for `<baseURL>/status/<purpose>/<n>`.
    public func statusListFile(for url: String) -> String {
        let prefix = config.baseURL + "/"
        let relative = url.hasPrefix(prefix) ? String(url.dropFirst(prefix.count)) : "status/" + Self.slug(url)
        return FileIO.join(directory, relative + ".json")
    }

    /// Signs and writes every status list as a `BitstringStatusListCredential` (GZIP, multibase base64url), ready to
    /// serve at its URL. Returns the files written.
    @discardableResult
    public func publishStatusLists(now: String) throws(IssuerError) -> [(url: String, file: String)] {
        let lists: [StatusListRecord]
        do {
            lists = try ledger.statusLists()
        } catch {
            throw IssuerError(.ledger, error.reason)
        }
        var written: [(url: String, file: String)] = []
        for list in lists {
            let bytes: [UInt8]
            do {
                bytes = try ledger.statusBits(listID: list.id)
            } catch {
                throw IssuerError(.ledger, error.reason)
            }
            let signed = try statusListCredential(url: list.url, purpose: list.purpose.rawValue, bits: bytes, now: now)
            let file = statusListFile(for: list.url)
            try FileIO.makeDirectory(String(file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")))
            try FileIO.write(signed, to: file)
            written.append((list.url, file))
        }
        return written
    }

    /// A signed status list credential for `bits` (most significant bit first).
    public func statusListCredential(url: String, purpose: String, bits: [UInt8], now: String) throws(IssuerError) -> [UInt8] {
        let encoded: String
        do {
            encoded = try BitstringStatusList(bytes: bits).encodedList()
        } catch {
            throw IssuerError(.signing, "could not encode the status list: \(error.reason)")
        }
        var credential = JSONObject()
        credential["@context"] = [.string(CredentialContexts.credentialsV2)]
        credential["id"] = .string(url)
        credential["type"] = ["VerifiableCredential", "BitstringStatusListCredential"]
        credential["issuer"] = .string(config.issuerID)
        credential["validFrom"] = .string(now)
        credential["credentialSubject"] = .object(JSONObject([
            "id": .string(url + "#list"),
            "type": "BitstringStatusList",
            "statusPurpose": .string(purpose),
            "encodedList": .string(encoded),
        ]))
        // Status lists are JSON credentials: a VC-JWT workspace still signs them with eddsa-rdfc-2022.
        let format: ProofFormat = config.proof == .vcJWT ? .eddsaRdfc2022 : config.proof
        return try signer(format).sign(credential, created: now).bytes
    }

    public enum StatusChange: String, Sendable {
        case revoke, suspend, unsuspend
    }

    /// Revokes (permanently), suspends or unsuspends a credential, records it in the ledger with its time, and
    /// republishes the status lists. An unknown id or an impossible change is an error and changes nothing.
    public func changeStatus(_ change: StatusChange, credentialID: String, reason: String?, now: String) throws(IssuerError) {
        do {
            switch change {
            case .revoke: try ledger.revoke(credentialID: credentialID, reason: reason, at: now)
            case .suspend: try ledger.suspend(credentialID: credentialID, reason: reason, at: now)
            case .unsuspend: try ledger.unsuspend(credentialID: credentialID, reason: reason, at: now)
            }
        } catch {
            throw IssuerError(.ledger, error.reason)
        }
        try publishStatusLists(now: now)
    }
}

extension Workspace {
    /// The files this workspace publishes for verifiers, by the URL badges name them by: every status list under
    /// `status/` and, for a did:web issuer, its DID document. (What `laurel serve` hosts, and what `laurel verify`
    /// and `laurel certificate` read from a workspace before fetching anything.)
    public func publishedResources() -> [String: [UInt8]] {
        var resources: [String: [UInt8]] = [:]
        for purpose in (try? FileIO.list(statusDirectory)) ?? [] {
            let folder = FileIO.join(statusDirectory, purpose)
            for file in (try? FileIO.list(folder)) ?? [] where file.hasSuffix(".json") {
                let url = config.baseURL + "/status/" + purpose + "/" + String(file.dropLast(5))
                if let bytes = try? FileIO.read(FileIO.join(folder, file)) { resources[url] = bytes }
            }
        }
        if let did = config.didWeb, let url = DIDWeb.documentURL(for: did),
            let bytes = try? FileIO.read(FileIO.join(directory, Self.didDocumentFile))
        {
            resources[url] = bytes
        }
        return resources
    }
}
