# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN powershell -Command `
    $ErrorActionPreference = 'Stop'; `
    Write-Host C:\dir\file
WORKDIR C:\app
COPY . C:\app\
