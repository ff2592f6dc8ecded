package assets

import _ "embed"

// FontRegular is Noto Sans Regular (SIL Open Font Licence, fonts/OFL.txt),
// the same face Fyne's default theme uses.
//
//go:embed fonts/NotoSans-Regular.ttf
var FontRegular []byte

// FontBold is Noto Sans Bold.
//
//go:embed fonts/NotoSans-Bold.ttf
var FontBold []byte
