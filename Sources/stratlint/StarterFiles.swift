import YAML

/// What `stratlint init` writes: a configuration, a strategy and an inventory that pass
/// the built-in pack, as a pattern to edit. Dates follow `today`, so a fresh start has
/// no overdue audit and no past deadline.
enum StarterFiles {
    static func all(today: CivilDate) -> [(name: String, text: String)] {
        let (year, _, _) = today.components
        return [
            (".stratlint.yaml", configuration),
            ("strategy.yaml", strategy(today: today, year: year)),
            ("inventory.yaml", inventory(today: today)),
        ]
    }

    static let configuration = """
        # stratlint configuration; every key is described in stratlint's docs/configuration.md.
        version: 1
        # Documents to check, relative to this file (default: every *.yaml below it).
        include: ["*.yaml", "strategy/**", "inventory/**"]
        exclude: []
        # Extra rule packs: folders of rule files.
        rules: []
        # Rules to switch off, and per-rule severities (error, warning, info).
        disable: []
        severity: {}
        # Terms added to a vocabulary of the built-in pack ({ replace: [...] } replaces it).
        vocabularies: {}
        # The lowest severity that fails the run (exit 1).
        fail-on: warning
        # Rules no inline `# stratlint-disable-…` comment may suppress.
        mandatory: [sensitive-system-without-mfa, sensitive-system-without-encryption-at-rest]
        # Accepted findings, written by `stratlint baseline --output .stratlint-baseline.json`.
        # baseline: .stratlint-baseline.json

        """

    static func strategy(today: CivilDate, year: Int) -> String {
        """
        # The business strategy: goals that say what success means, and the initiatives
        # that pursue them. See docs/model.md for every field.
        kind: Strategy
        organization: Example Ltd
        horizon: \(year)-\(year + 2)
        owner: ceo
        review: { cadence: quarterly, last_reviewed: \(today) }
        governance: { steering_committee: [ceo, cio] }
        budget: { total: 100000, currency: EUR }
        goals:
          - id: faster-quotes
            title: Send quotes within 2 days of a request instead of 5 by end of \(year + 1)
            owner: head-of-sales
            metric: working days from request to quote
            baseline: 5
            target: 2
            deadline: \(year + 1)-12-31
        initiatives:
          - id: quote-tool
            title: One quoting tool connected to the CRM
            type: it
            owner: cio
            supports: [faster-quotes]
            systems: [crm]
            budget: 40000
            business_case: { expected_benefit: 3 days saved per quote, payback_months: 12 }
            kpis: [{ name: quotes sent within 2 days, target: 90%, goal: faster-quotes }]
            stakeholders: [sales]
            employee_input: { consulted: [sales], training: 2-hour session }
            security_review: \(today)
            review: { cadence: monthly }

        """
    }

    static func inventory(today: CivilDate) -> String {
        """
        # The IT inventory: systems, the data they hold, how they connect and how they
        # are secured. See docs/model.md for every field.
        kind: Inventory
        data_categories:
          - { id: customer-contacts, sensitivity: high }
          - { id: quotes, sensitivity: low }
        systems:
          - id: crm
            owner: head-of-sales
            lifecycle: active
            hosting: saas
            supports: [faster-quotes]
            data: [customer-contacts, quotes]
            security:
              mfa: true
              encryption_at_rest: true
              backups: { frequency: daily, tested: \(today) }
              last_audit: \(today)
              vendor_access: { policy: least-privilege, reviewed: \(today) }
          - id: quoting
            owner: head-of-sales
            lifecycle: active
            hosting: saas
            supports: [faster-quotes]
            data: [quotes]
            security:
              mfa: true
              backups: { frequency: daily, tested: \(today) }
        integrations:
          - { from: quoting, to: crm, via: api, data: [quotes] }

        """
    }
}
