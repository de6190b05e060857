// `cem analyze` reads JSDoc (@summary @attr @event @csspart @cssproperty) into custom-elements.json.
// Our elements declare `static properties` (no decorators), so this plugin tells the analyzer what
// it cannot see: `state: true` properties are internal (no attribute), `emit(name)` in the base
// class is not an event, and defineElement() is not a definition of its own.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/*.messages.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'civic-static-properties',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isClassDeclaration(node) || !node.name) return;
        const properties = node.members.find((member) => ts.isPropertyDeclaration(member) && member.name.getText() === 'properties');
        const literal = properties?.initializer;
        if (!literal || !ts.isObjectLiteralExpression(literal)) return;
        const internal = literal.properties
          .filter((property) => ts.isPropertyAssignment(property) && /state:\s*true/.test(property.initializer.getText()))
          .map((property) => property.name.getText());
        const declaration = moduleDoc.declarations?.find((d) => d.name === node.name.getText());
        if (!declaration) return;
        declaration.attributes = (declaration.attributes ?? []).filter((attribute) => !internal.includes(attribute.fieldName ?? attribute.name));
        for (const member of declaration.members ?? []) if (internal.includes(member.name)) member.privacy = 'private';
      },
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          module.exports = (module.exports ?? []).filter((e) => e.kind !== 'custom-element-definition' || e.name.startsWith('civic-'));
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name?.startsWith('civic-'));
            if (declaration.members)
              declaration.members = declaration.members.filter((member) => member.privacy !== 'private' && member.privacy !== 'protected');
          }
        }
      },
    },
  ],
};
