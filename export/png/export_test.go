package png

// BandBytes lets tests force many bands.
var BandBytes = &bandBytes
