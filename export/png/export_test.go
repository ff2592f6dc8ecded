package png

// BandBytes and MinBandRows let tests force many bands.
var BandBytes, MinBandRows = &bandBytes, &minBandRows
