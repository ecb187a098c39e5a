import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { COMMAND_MODULES, registersFor } from "./index.js";

describe("COMMAND_MODULES", () => {
  it("names every top-level command the modules register, each with the module that registers it", async () => {
    for (const [name, load] of Object.entries(COMMAND_MODULES)) {
      const program = new Command("orebook");
      (await load()).register(program);
      expect(
        program.commands.map((c) => c.name()),
        `module for ${name}`,
      ).toContain(name);
    }
    const all = new Command("orebook");
    for (const register of await registersFor([])) register(all);
    expect(all.commands.map((c) => c.name()).sort()).toEqual(Object.keys(COMMAND_MODULES).sort());
  });

  it("loads only the named command's module for a command line", async () => {
    expect(await registersFor(["report", "control", "--commodity", "cobalt"])).toHaveLength(1);
    expect((await registersFor(["--help"])).length).toBeGreaterThan(10);
  });
});
