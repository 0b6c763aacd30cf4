// Working arrays shared by the analysis phases, which run one after another: each phase borrows
// the ones it needs, by position, instead of allocating its own. Without this, every phase's
// arrays (a dozen of one entry per node for the dominators alone) stay allocated until the
// garbage collector gets round to them, and the peak memory is their sum instead of the
// largest phase's need — the difference between fitting in 2× the file size or not.

export class ScratchArrays {
  private readonly length: number
  private readonly arrays: (Uint32Array | undefined)[] = []

  /** Arrays of `length` entries each. */
  constructor(length: number) {
    this.length = length
  }

  /** Lends an array of `length` entries that will be used for something else later, as the k-th. */
  donate(k: number, array: Uint32Array): void {
    if (array.length !== this.length || this.arrays[k]) throw new Error(`scratch array ${k} cannot be donated`)
    this.arrays[k] = array
  }

  /** The k-th array, zero-filled when asked (its content from earlier phases otherwise). */
  get(k: number, zeroed = false): Uint32Array {
    let array = this.arrays[k]
    if (!array) array = this.arrays[k] = new Uint32Array(this.length)
    else if (zeroed) array.fill(0)
    return array
  }
}
