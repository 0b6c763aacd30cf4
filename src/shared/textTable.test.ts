import { expect, it } from 'vitest'
import { numbersFirst, textTable } from './textTable'

it('sizes each column to its widest cell, right-aligns numbers, and leaves the last column and line ends unpadded', () => {
  const lines = textTable(
    [
      ['12', '1.5 MiB', 'Map'],
      ['1,024', '0 B', '(root)']
    ],
    { header: ['Count', 'Size', 'Name'], align: numbersFirst(2), indent: '  ' }
  )
  expect(lines).toEqual(['  Count     Size  Name', '     12  1.5 MiB  Map', '  1,024      0 B  (root)'])
})

it('lays out rows without a header, with another gap, and short rows', () => {
  expect(textTable([['pid', '-', 'node app.js'], ['4711', '127.0.0.1:9229', 'node'], ['7']], { gap: ' ' })).toEqual(['pid  -              node app.js', '4711 127.0.0.1:9229 node', '7'])
  expect(textTable([])).toEqual([])
})
