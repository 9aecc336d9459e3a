using System;
using System.Globalization;
using PassFailSample;

// The lecture's worked example: weights 0.01, 0.02, 0.03 (bias 0) into the hidden unit, then 0.02 (bias 0.03).
var net = new PassFail();
float[] lectureWeights = { 0.01f, 0.02f, 0.03f, 0f, 0.02f, 0.03f };
lectureWeights.CopyTo(net.Parameters);

float[] output = new float[PassFail.OutputSize];
net.Predict(new float[] { 95f, 4f, 4f }, output);
Console.WriteLine($"Predict(95, 4, 4) = {output[0].ToString("F6", CultureInfo.InvariantCulture)}   (the lecture: 0.51129)");
