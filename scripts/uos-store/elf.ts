/**
 * Which CPU an ELF executable is built for, from its header: a store package
 * for arm64 that carries an x64 Electron installs fine and then never starts,
 * so the builder reads the machine field before packing.
 */
const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];

/** e_machine values (System V ABI) of the CPUs a counter PC may have. */
const MACHINES: Record<number, string> = { 3: 'x86', 62: 'x64', 40: 'armv7l', 183: 'arm64', 8: 'mips', 258: 'loong64' };

/** 'x64', 'arm64', … ; 'unknown(N)' for another machine; null when the bytes are not an ELF file. */
export function elfMachine(header: Uint8Array): string | null {
  if (header.length < 20 || ELF_MAGIC.some((b, i) => header[i] !== b)) return null;
  // EI_DATA (byte 5): 1 little-endian, 2 big-endian; e_machine is the half-word at 18.
  const littleEndian = header[5] === 1;
  const machine = littleEndian ? header[18]! | (header[19]! << 8) : (header[18]! << 8) | header[19]!;
  return MACHINES[machine] ?? `unknown(${machine})`;
}
