import RuleCompiler
import Testing
import YAML

/// Backstage entity references (docs/backstage.md), as Backstage's parseEntityRef and
/// stringifyEntityRef define them: `[kind:][namespace/]name`, lower-cased.
@Suite("entityRef")
struct EntityRefTests {
    @Test(arguments: [
        ("entityRef('webshop', 'component')", "component:default/webshop"),
        ("entityRef('Component:WebShop', 'system')", "component:default/webshop"),
        ("entityRef('payments/checkout', 'system')", "system:payments/checkout"),
        ("entityRef('api:payments/Checkout-API', 'component')", "api:payments/checkout-api"),
        ("entityRef('group:team-a', null)", "group:default/team-a"),
        ("entityRef({'kind': 'User', 'name': 'jane'}, 'group')", "user:default/jane"),
        ("entityRef({'name': 'team-b', 'namespace': 'ops'}, 'group')", "group:ops/team-b"),
        ("entityRef({'kind': 'Component', 'metadata': {'name': 'WebShop', 'namespace': 'Shop'}})", "component:shop/webshop"),
        ("entityRef({'kind': 'API', 'metadata': {'name': 'orders'}})", "api:default/orders"),
        ("entityRef('Équipe-Paris', 'group')", "group:default/équipe-paris"),
    ])
    func canonical(_ text: String, _ expected: String) {
        #expect(run(text) == .string(expected))
    }

    /// Not a reference: no kind and no default, no name, empty parts, free text, a
    /// template placeholder, null.
    @Test(arguments: [
        "entityRef('webshop', null)", "entityRef('component:', 'x')", "entityRef('ns/', 'component')",
        "entityRef('Platform Team', 'group')", "entityRef('${{ values.owner }}', 'group')", "entityRef(null, 'group')",
        "entityRef({'kind': 'Component'})", "entityRef(null)",
        // Whitespace beyond ASCII (a no-break space, an ideographic space), a tab.
        "entityRef('Platform\\u00a0Team', 'group')", "entityRef('platform\\u3000team', 'group')", "entityRef('a\\tb', 'group')",
        // A name holding `:` or `/` however it is spelt: a part is refused for the byte.
        "entityRef({'kind': 'Group', 'name': 'a:\\u0301b'})", "entityRef({'kind': 'Group', 'name': 'a/b'})",
        "entityRef({'kind': 'Group', 'name': 'team', 'namespace': 'é/x'})",
    ])
    func notAReference(_ text: String) {
        #expect(run(text) == .null)
    }

    @Test func wrongTypesAreErrors() {
        #expect(run("entityRef(1, 'group')").isError)
        #expect(run("entityRef('x', 2)").isError)
    }

    /// flatten(), from cel-go's lists extension, which the backstage pack uses.
    @Test func flatten() {
        #expect(run("[[1], 2, [3, [4]]].flatten()") == run("[1, 2, 3, [4]]"))
        #expect(run("[].flatten()") == run("[]"))
        #expect(run("x.flatten()") == run("[]"))
        #expect(run("'a'.flatten()").isError)
    }
}
